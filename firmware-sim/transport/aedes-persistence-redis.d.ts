// aedes-persistence-redis ships no declarations; this is the one call wasmlet makes.
declare module 'aedes-persistence-redis' {
  import type { AedesOptions } from 'aedes';
  /** ioredis options, or `conn`: an ioredis client to use */
  const persistence: (opts: object) => NonNullable<AedesOptions['persistence']>;
  export default persistence;
}
