/// An inference runner, as seen by the duplicate-stat check at setup: two runners (of
/// any kind, wrapped or not) may not produce the same stat.
protocol InferenceStatProducer: Callback {}
