import { Catalog } from '@stockroom/shared/catalog/catalog';
import { StocktakeIndex } from '@stockroom/shared/stocktake/stocktake-index';
import { StocktakeRoom } from '@stockroom/shared/stocktake/stocktake-room';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createStocktake,
  emptyCreateForm,
  splitList,
  stocktakeFormId,
  toStocktakeInput,
  unknownCounters,
} from './create-form.ts';

const actor = { user: 'maria', device: 'desk' };

function world() {
  const catalog = new Catalog(new Y.Doc());
  catalog.createLocation({ code: 'S', kind: 'site' }, actor);
  catalog.createLocation({ code: 'Z1', kind: 'zone', parent: 'S' }, actor);
  catalog.createLocation({ code: 'B1', kind: 'bin', parent: 'Z1' }, actor);
  catalog.createItem({ sku: 'BOLT', name: 'Bolt', barcodes: ['4006381333931'] }, actor);
  const index = new StocktakeIndex(new Y.Doc());
  const room = new StocktakeRoom(new Y.Doc(), stocktakeFormId('desk', 'token-1'));
  return { catalog, index, room };
}

describe('stocktake create form', () => {
  it('splits lists on commas, spaces and lines', () => {
    expect(splitList(' alice, bob\ncarol;; alice ')).toEqual(['alice', 'bob', 'carol']);
  });

  it('turns the form into StocktakeInput, resolving barcodes of a cycle count to SKUs', () => {
    const values = {
      ...emptyCreateForm(),
      name: 'Bolts',
      kind: 'items' as const,
      skus: '4006381333931',
      toleranceUnits: '2',
      tolerancePercent: '',
      toleranceValue: '10,5',
      counters: 'alice bob',
    };
    const { input, errors } = toStocktakeInput(values, (c) => (c === '4006381333931' ? 'BOLT' : undefined));
    expect(errors).toEqual({});
    expect(input).toEqual({
      name: 'Bolts',
      blind: true,
      tolerance: { units: 2, value: 10.5 },
      counters: ['alice', 'bob'],
      skus: ['BOLT'],
    });
    expect(toStocktakeInput({ ...values, tolerancePercent: 'ten' }, () => undefined).errors).toEqual({
      'tolerance.percent': 'must be a number',
    });
  });

  it('defines the stocktake and lists it in the index; the same form twice creates one', () => {
    const { catalog, index, room } = world();
    const values = { ...emptyCreateForm(), name: 'Zone 1', locations: ['Z1'], counters: 'alice' };
    const first = createStocktake(values, { room, index, catalog, stock: [], actor });
    expect(first).toMatchObject({ ok: true, definition: { name: 'Zone 1', blind: true } });
    expect(room.counters()).toEqual(['alice']);
    const again = createStocktake(values, { room, index, catalog, stock: [], actor });
    expect(again.ok).toBe(true);
    expect(index.list().map((e) => [e.id, e.name])).toEqual([[room.id, 'Zone 1']]);
  });

  it('shows the domain’s errors on the fields and writes nothing', () => {
    const { catalog, index, room } = world();
    const noName = createStocktake(
      { ...emptyCreateForm(), locations: ['Z1'] },
      { room, index, catalog, stock: [], actor },
    );
    expect(noName).toMatchObject({ ok: false, errors: { name: 'is required' } });
    const nothing = createStocktake(
      { ...emptyCreateForm(), name: 'X' },
      { room, index, catalog, stock: [], actor },
    );
    expect(nothing.ok).toBe(false);
    const unknown = createStocktake(
      { ...emptyCreateForm(), name: 'X', locations: ['NOPE'] },
      { room, index, catalog, stock: [], actor },
    );
    expect(unknown).toMatchObject({ ok: false, errors: { locations: 'no location NOPE' } });
    const badNumber = createStocktake(
      { ...emptyCreateForm(), name: 'X', locations: ['Z1'], toleranceUnits: 'x' },
      { room, index, catalog, stock: [], actor },
    );
    expect(badNumber.ok).toBe(false);
    expect(room.definition()).toBeNull();
    expect(index.list()).toEqual([]);
  });
});

describe('counters are users who may count', () => {
  it('names the ones that are not, case-insensitively; nothing to say when the list is not known', () => {
    expect(unknownCounters(['Ben', 'ann', 'nobody'], ['ann', 'ben'])).toEqual(['nobody']);
    expect(unknownCounters(['nobody'], null)).toEqual([]);
  });
});
