{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "rootDir": ".", "noEmit": true, "allowImportingTsExtensions": true },
  "include": ["src", "test"]
}
