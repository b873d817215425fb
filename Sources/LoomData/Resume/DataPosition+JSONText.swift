import LoomFormats

extension DataPosition {
    /// The position as compact JSON with sorted keys: what `JSONEncoder` with `.sortedKeys`
    /// writes and `JSONDecoder` reads back, written directly because a checkpoint takes it
    /// on the training thread at every save.
    public var jsonText: String {
        "{\"epoch\":\(epoch),\"flowState\":\(flowState.jsonText),\"indexInEpoch\":\(indexInEpoch)}"
    }
}

extension FlowState {
    /// The state as compact JSON with sorted keys (see ``DataPosition/jsonText``).
    public var jsonText: String {
        "{\"kind\":" + JSONText.quoted(kind) + ",\"rng\":[" + rng.map { String($0) }.joined(separator: ",")
            + "],\"upstream\":[" + upstream.map(\.jsonText).joined(separator: ",") + "]}"
    }
}
