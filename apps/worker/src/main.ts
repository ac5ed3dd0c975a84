// Entry point. V8's compile cache (Node ≥ 22.1) makes every start after the first skip most of the
// parsing and type stripping; it has to be on before the worker's modules load, hence the dynamic import.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./service.ts');
