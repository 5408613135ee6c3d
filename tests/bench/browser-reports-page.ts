/**
 * Runs inside Chromium (bundled by browser.ts with esbuild): builds the reports world with the
 * same code as Node and times the replenishment suggestions and the dashboard there.
 */
import { timeScreens } from './reports-world.ts';

(globalThis as { stockroomScreensBench?: typeof timeScreens }).stockroomScreensBench = timeScreens;
