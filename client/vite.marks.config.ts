import { defineConfig, mergeConfig, type Plugin } from 'vite';
import base from './vite.config.ts';

/**
 * The client's build with a mark around each module's top level, for `bench/moduleCost.ts`
 * (which says how to build it): every module's code is wrapped in calls to `globalThis.__mm`,
 * which that tool defines in the page before any script runs. Not for use otherwise.
 */
function moduleMarks(): Plugin {
  return {
    name: 'warrant:module-marks',
    enforce: 'post',
    transform(code, id) {
      const [path = id] = id.split('?');
      if (id.startsWith('\0') || !/\.(m?js|cjs|jsx?|tsx?)$/.test(path)) return null;
      const name = JSON.stringify(
        path.replace(/^.*node_modules\//, 'nm/').replace(/^.*\/(client|shared)\/src\//, '$1/src/'),
      );
      return {
        code: `globalThis.__mm?.(${name}, 0);\n${code}\n;globalThis.__mm?.(${name}, 1);`,
        map: null,
      };
    },
  };
}

export default mergeConfig(base, defineConfig({ plugins: [moduleMarks()] }));
