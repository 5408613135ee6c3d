import { ServerWrite } from '../sync/room.ts';

/** Transaction origins of API writes: the server is one more peer in the room. */
export const CATALOG_WRITE = new ServerWrite('api-catalog');
export const LEDGER_WRITE = new ServerWrite('api-ledger');
