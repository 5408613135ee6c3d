import { type CodeLookups, resolveCode } from '@stockroom/shared/scanning/resolve-code';
import type { ScanEvent } from '@stockroom/shared/scanning/scan-event';
import { ScanResolver } from '@stockroom/shared/scanning/scan-resolver';
import { createEffect, createSignal, lazy, onCleanup, Show, Suspense } from 'solid-js';
import { Portal } from 'solid-js/web';
import { ManualScanEntry } from '../scanning/ManualScanEntry.tsx';
import { scansClaimed } from '../scanning/scan-claims.ts';
import { useWedgeScanner } from '../scanning/use-wedge-scanner.ts';
import { useApp } from './app-context.ts';
import { type DocumentLookups, DocumentRooms } from './DocumentRooms.tsx';
import { isTextField, scanRoute } from './scan-route.ts';

// The camera and the new-item form come with their own chunks, fetched when first used.
const CameraScanner = lazy(async () => ({
  default: (await import('../scanning/CameraScanner.tsx')).CameraScanner,
}));
const NewItemPanel = lazy(async () => ({
  default: (await import('../catalog/ItemEditScreen.tsx')).NewItemPanel,
}));

/**
 * "Scan anything" from any screen that does not scan for itself: the header's scan button
 * (camera or typed code) and keyboard-wedge scans outside text fields. Items and bins resolve
 * at once from the catalog; purchase orders, work orders and assets need their rooms, which
 * are opened on the first code the catalog does not know (and kept open after), so a start
 * never pays for rooms nobody scans.
 */
export function GlobalScan() {
  const app = useApp();
  const role = () => app.session().user.role;
  const resolver = new ScanResolver(app.ws.catalog);
  onCleanup(() => resolver.destroy());
  const catalog: CodeLookups['catalog'] = (scan) => resolver.resolve(scan);

  const [sheet, setSheet] = createSignal(false);
  const [docsWanted, setDocsWanted] = createSignal(false);
  const [docs, setDocs] = createSignal<DocumentLookups | null>(null);
  const [pending, setPending] = createSignal<string | null>(null);
  const [unknown, setUnknown] = createSignal<{ raw: string; reason: string } | null>(null);
  const [creating, setCreating] = createSignal(false);

  const finish = (raw: string) => {
    const target = resolveCode(raw, { catalog, ...(docs()?.lookups ?? {}) });
    const route = scanRoute(target, role());
    if (route) {
      setUnknown(null);
      app.navigate(route);
    } else setUnknown({ raw, reason: target.kind === 'unknown' ? target.reason : '' });
  };

  const handle = (scan: ScanEvent) => {
    setSheet(false);
    setCreating(false);
    const raw = scan.raw.trim();
    if (!raw) return;
    const quick = resolveCode(raw, { catalog, ...(docs()?.lookups ?? {}) });
    if (quick.kind !== 'unknown' || docs()?.loaded) return finish(raw);
    // Not in the catalog: wait for this device's copies of the documents before saying so.
    setPending(raw);
    setDocsWanted(true);
  };

  createEffect(() => {
    const raw = pending();
    if (raw !== null && docs()?.loaded) {
      setPending(null);
      finish(raw);
    }
  });

  useWedgeScanner(handle, {
    global: true,
    enabled: () => !sheet() && !scansClaimed() && !isTextField(document.activeElement),
  });

  return (
    <>
      <button
        type="button"
        class="button scan-anything"
        data-testid="scan-button"
        aria-label="Scan a code"
        onClick={() => setSheet(true)}
      >
        <span aria-hidden="true">⌗</span> Scan
      </button>
      <Show when={docsWanted()}>
        <DocumentRooms onChange={setDocs} />
      </Show>
      {/* Out of the header: the sheet covers the screen, the notices sit over the content. */}
      <Portal>
        <div class="scan-notices">
          <Show when={sheet()}>
            <div class="camera-sheet" role="dialog" aria-label="Scan a code" data-testid="scan-sheet">
              <Suspense fallback={<p>Starting the camera…</p>}>
                <CameraScanner onScan={handle} />
              </Suspense>
              <div class="scan-sheet-foot">
                <ManualScanEntry onScan={handle} placeholder="Item, bin, order or work order code" />
                <button
                  type="button"
                  class="button"
                  data-testid="scan-sheet-close"
                  onClick={() => setSheet(false)}
                >
                  Close
                </button>
              </div>
            </div>
          </Show>
          <Show when={pending()}>
            <div class="banner" role="status" data-testid="scan-pending">
              Looking for {pending()} on this device…
            </div>
          </Show>
          <Show when={unknown()}>
            {(u) => (
              <div
                class="banner warning scan-unknown"
                role="alert"
                data-testid="scan-unknown"
                data-raw={u().raw}
              >
                <span>
                  Nothing on this device answers to <strong>{u().raw}</strong> ({u().reason}).
                </span>
                <Show when={app.canEditCatalog() && !creating()}>
                  <button
                    type="button"
                    class="button primary"
                    data-testid="scan-unknown-create"
                    onClick={() => setCreating(true)}
                  >
                    Create an item with this barcode
                  </button>
                </Show>
                <button
                  type="button"
                  class="button"
                  data-testid="scan-unknown-dismiss"
                  onClick={() => setUnknown(null)}
                >
                  Dismiss
                </button>
              </div>
            )}
          </Show>
          <Show when={creating() && unknown()}>
            {(u) => (
              <div class="scan-create" data-testid="scan-create">
                <Suspense>
                  <NewItemPanel
                    initial={{ barcodes: u().raw }}
                    title={`New item with barcode ${u().raw}`}
                    onCancel={() => setCreating(false)}
                    onCreated={(sku) => {
                      setCreating(false);
                      setUnknown(null);
                      app.navigate({ name: 'item-edit', sku });
                    }}
                  />
                </Suspense>
              </div>
            )}
          </Show>
        </div>
      </Portal>
    </>
  );
}
