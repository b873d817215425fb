// LoomTraining's public API speaks in LoomFormats' types (checkpoints, named arrays,
// histograms and images for monitors), so importing LoomTraining brings them along.
@_exported import LoomFormats
