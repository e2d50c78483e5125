/** opencc-js ships its dictionaries (`源 目标|…` strings) without type declarations. */
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
