import LoomNN
import LoomTensor
import Testing

/// The parameters of a layer in visit order.
func parametersOf(_ layer: any Layer) -> [(name: String, parameter: Parameter)] {
    var result: [(name: String, parameter: Parameter)] = []
    layer.visitState(prefix: "") { name, entry in
        if case let .parameter(parameter) = entry { result.append((name, parameter)) }
    }
    return result
}

/// Checks a layer's input gradient and every parameter gradient with finite differences:
/// the parameters' values are swapped for the checker's perturbed copies on each call.
func checkLayerGradients(_ layer: any Layer, input: Tensor, training: Bool = true,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    let parameters = parametersOf(layer)
    let originals = parameters.map { $0.parameter.value.detached() }
    let context = ForwardContext(isTraining: training, seed: 5)
    checkGradients([input] + originals, sourceLocation: sourceLocation) { values in
        for (index, entry) in parameters.enumerated() { entry.parameter.value = values[index + 1] }
        let output = layer.forward(values[0], context: context)
        context.discardUpdates()
        return output
    }
    for (index, entry) in parameters.enumerated() { entry.parameter.value = originals[index].requiringGradient() }
}
