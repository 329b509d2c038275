// The parts of isomorphic-git memoir uses: imported lazily through this module, so the
// bundler can still tree-shake the rest of the library away.
export {
  expandOid,
  init,
  readObject,
  setConfig,
  writeBlob,
  writeCommit,
  writeTree,
} from 'isomorphic-git';
