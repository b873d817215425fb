import ArgumentParser
import LoomEngine

/// `--model`: the zoo's classifier kinds, listed by `--help` and offered by shell completion.
extension ClassifierRecipe.Kind: ExpressibleByArgument {}
