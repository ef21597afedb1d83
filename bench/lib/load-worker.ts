/** A load generator process: serves the `load` handlers of the scenario module named on its command line. */
import { pathToFileURL } from 'node:url';
import { type Handlers, serveParent } from './child-processes.js';

const { load } = (await import(pathToFileURL(process.argv[2]!).href)) as { load: Handlers };
serveParent(load);
