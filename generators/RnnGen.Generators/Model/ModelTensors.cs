using System.Linq;

namespace RnnGen.Generators.Model;

/// <summary>The tensors each cell reads from its weights file, in the file's (and the constructor's) order.</summary>
internal static class ModelTensors
{
    public const string HiddenSize = "HiddenSize";
    public const string InputSize = "InputSize";
    public const string OutputSize = "OutputSize";

    public static EquatableArray<TensorSpec> For(CellKind cell, int hidden, int input, int output)
    {
        var a = new TensorDim(HiddenSize, hidden);
        var x = new TensorDim(InputSize, input);
        var y = new TensorDim(OutputSize, output);
        return cell switch
        {
            // The textbook's names, as the README and the weights of the shipped models use them.
            CellKind.Elman => new[]
            {
                Tensor("Waa", TensorRole.RecurrentWeights, a, a),
                Tensor("Wax", TensorRole.InputWeights, a, x),
                Tensor("ba", TensorRole.HiddenBias, a),
                Tensor("Wya", TensorRole.OutputWeights, y, a),
                Tensor("by", TensorRole.OutputBias, y),
            }.ToEquatableArray(),
            _ => throw Exhaustive.Unhandled(cell),
        };
    }

    private static TensorSpec Tensor(string name, TensorRole role, params TensorDim[] shape) => new(name, role, shape.ToEquatableArray());

    /// <summary>The model's tensor with this role (every cell has exactly one of each role it lists).</summary>
    public static TensorSpec Get(this EquatableArray<TensorSpec> tensors, TensorRole role) =>
        tensors.FirstOrDefault(t => t.Role == role) ?? throw Exhaustive.Unhandled(role);
}
