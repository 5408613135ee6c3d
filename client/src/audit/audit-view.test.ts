// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { auditQuery, auditRoute, describeAction, formatDetails, subjectRoute } from './audit-view.ts';

describe('audit view', () => {
  it('builds the query for a filter and a page', () => {
    expect(auditQuery({ user: ' Ann ', subject: '' })).toBe('/api/audit?user=ann&limit=100');
    expect(auditQuery({ user: '', subject: 'item:A/1 B' }, 42)).toBe(
      '/api/audit?subject=item%3AA%2F1+B&before=42&limit=100',
    );
  });

  it('links subjects to where they live in the app', () => {
    expect(subjectRoute('item:BOLT:M8')).toEqual({ name: 'item-edit', sku: 'BOLT:M8' });
    expect(subjectRoute('user:ann')).toEqual({ name: 'audit', user: 'ann', subject: '' });
    expect(subjectRoute('location:A-01')).toMatchObject({ name: 'history', filter: { location: 'A-01' } });
    expect(subjectRoute('stocktake:st1')).toEqual({ name: 'stocktake', id: 'st1' });
    expect(subjectRoute('planet:mars')).toBeNull();
    expect(subjectRoute('item:')).toBeNull();
    expect(subjectRoute(null)).toBeNull();
  });

  it('gives audit links for items, locations and users', () => {
    expect(auditRoute('item', 'X')).toEqual({ name: 'audit', user: '', subject: 'item:X' });
    expect(auditRoute('location', 'L')).toEqual({ name: 'audit', user: '', subject: 'location:L' });
    expect(auditRoute('user', 'bob')).toEqual({ name: 'audit', user: 'bob', subject: '' });
  });

  it('names known actions and keeps unknown ones readable', () => {
    expect(describeAction('user.create')).toBe('Created user');
    expect(describeAction('movement.receive')).toBe('Received (API)');
    expect(describeAction('something.new')).toBe('something.new');
  });

  it('shows details briefly', () => {
    expect(formatDetails({ role: 'clerk', active: undefined, passwordReset: true })).toBe(
      'role: clerk · passwordReset: true',
    );
    expect(formatDetails({ from: { a: 1 } })).toBe('from: {"a":1}');
    expect(formatDetails(null)).toBe('');
    expect(formatDetails('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('shows control and text-direction characters instead of obeying them', () => {
    expect(formatDetails({ name: 'invoice\u202Egpj.exe', note: 'a\u0000b\u001b' })).toBe(
      'name: invoice⟨U+202E⟩gpj.exe · note: a⟨U+0000⟩b⟨U+001B⟩',
    );
    expect(formatDetails('שלום עולם 🔧')).toBe('שלום עולם 🔧');
  });
});
