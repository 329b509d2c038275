declare module '*.yaml' {
  const value: unknown;
  export default value;
}

declare module '*.jsonl' {
  const rows: unknown[];
  export default rows;
}
