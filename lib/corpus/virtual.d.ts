declare module 'virtual:yuanwen-seed-index' {
  const asset: import('./seed-asset').SeedIndexAsset;
  export default asset;
}
