import LoomNN
import LoomTensor
import LoomTensorTestSupport
import Testing

@Suite struct EmbeddingTests {
    func layer() -> Embedding {
        var generator = SeededGenerator(seed: 21)
        let layer = Embedding(vocabularySize: 4, embeddingSize: 2, generator: &generator)
        layer.table.assign([0, 1, 10, 11, 20, 21, 30, 31])
        return layer
    }

    @Test func looksUpRowsForAnyIdShape() throws {
        let embedding = layer()
        let vectors = try embedding.lookUp(IndexTensor(shape: [2, 2], indices: [2, 0, 2, 3]))
        #expect(vectors.shape == [2, 2, 2])
        #expect(vectors.scalars == [20, 21, 0, 1, 20, 21, 30, 31])
        let viaLayer = embedding.forward(Tensor(shape: [1, 2], scalars: [3, 1]), context: ForwardContext(seed: 0))
        #expect(viaLayer.shape == [1, 2, 2] && viaLayer.scalars == [30, 31, 10, 11])
    }

    @Test func gradientScattersIntoTheTableRows() throws {
        let embedding = layer()
        let output = try embedding.lookUp(IndexTensor([2, 0, 2]))
        (output * Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])).sum().backward()
        #expect(embedding.table.gradient?.scalars == [3, 4, 0, 0, 6, 8, 0, 0])
        let ids = IndexTensor(shape: [2, 3], indices: [1, 3, 1, 0, 0, 2])
        checkGradients([embedding.table.value.detached()]) { values in
            embedding.table.value = values[0]
            do { return try embedding.lookUp(ids) } catch {
                Issue.record("\(error)")
                return Tensor(zeros: [2, 3, 2])
            }
        }
    }

    @Test func badIdsAreClearErrors() {
        let embedding = layer()
        #expect(throws: EmbeddingError.idOutOfRange(id: 4, position: 1, vocabularySize: 4)) {
            try embedding.lookUp(IndexTensor([0, 4]))
        }
        #expect(throws: EmbeddingError.idOutOfRange(id: -1, position: 0, vocabularySize: 4)) {
            try embedding.validate(IndexTensor([-1]))
        }
        #expect(throws: EmbeddingError.notAnInteger(value: 1.5, position: 2)) {
            try embedding.indices(from: Tensor([0, 1, 1.5]))
        }
        #expect(EmbeddingError.idOutOfRange(id: 4, position: 1, vocabularySize: 4).description
            == "Embedding: id 4 at position 1 is outside 0..<4 (the vocabulary size); "
            + "map unknown tokens to a reserved id or build the layer with a larger vocabulary")
    }

    @Test func stateIsNamedW() {
        #expect(parametersOf(Sequential([("embed", layer())])).map(\.name) == ["embed/W"])
    }
}
