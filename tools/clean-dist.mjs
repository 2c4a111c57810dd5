// The first step of `npm run build`: dist/ starts empty, so that nothing from an older build (a module
// since moved or removed, a bundle from an older layout) is served or passes the final check by accident.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { root } from './lib/bundle.mjs';

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
