// Every Loom module that draws random numbers uses the one generator of LoomRandom;
// re-exported so that `import LoomData` alone gives `SeededGenerator`.
@_exported import LoomRandom
