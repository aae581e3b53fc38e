// Run by `npm pack` / `npm publish` (prepack): the package ships the Wasm
// modules, which are build outputs, so it refuses to pack without them or
// with ones older than the C sources they are built from.
import { statSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const newestSource = Math.max(...readdirSync(`${ROOT}src`).map((f) => statSync(`${ROOT}src/${f}`).mtimeMs));
for (const file of ['actlab_core.wasm', 'actlab_core_simd.wasm', 'actlab_activations.wasm']) {
  let info;
  try {
    info = statSync(`${ROOT}web/lib/${file}`);
  } catch {
    console.error(`check-pack: web/lib/${file} is missing: run ./scripts/build.sh before npm pack`);
    process.exit(1);
  }
  if (info.mtimeMs < newestSource) {
    console.error(`check-pack: web/lib/${file} is older than src/: run ./scripts/build.sh before npm pack`);
    process.exit(1);
  }
}
