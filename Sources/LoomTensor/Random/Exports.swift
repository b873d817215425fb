// Every Loom module that draws random numbers uses the one generator of LoomRandom;
// re-exported so that `import LoomTensor` alone gives `SeededGenerator`.
@_exported import LoomRandom
