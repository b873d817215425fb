// LoomTraining logs through swift-log: callbacks get a `Logging.Logger` in their context and
// runs can choose a `LogHandler` (TerminalLog), so importing LoomTraining brings swift-log along.
@_exported import Logging
