using RnnGen.Generators.Model;

namespace RnnGen.Generators.Emit;

/// <summary>
/// The one table of how each activation is written in a kernel (the implementation class imports
/// <c>VectorMath</c>, the run-time library's vectorised functions). Adding an activation is an entry
/// here, in <see cref="Activation"/> and its spelling in <see cref="SpecWords"/>.
/// </summary>
internal static class ActivationTable
{
    /// <summary>Whether the activation maps each element on its own (all but softmax).</summary>
    public static bool ElementWise(Activation g) => g switch
    {
        Activation.Tanh or Activation.Relu or Activation.Sigmoid or Activation.Linear => true,
        Activation.Softmax => false,
        _ => throw Exhaustive.Unhandled(g),
    };

    /// <summary>g applied to a vector expression (any width): <c>VectorMath.Tanh(s0)</c>; linear gives the expression itself.</summary>
    public static string Vector(Activation g, string x) => g switch
    {
        Activation.Tanh => $"VectorMath.Tanh({x})",
        Activation.Relu => $"VectorMath.Relu({x})",
        Activation.Sigmoid => $"VectorMath.Sigmoid({x})",
        Activation.Linear => x,
        _ => throw Exhaustive.Unhandled(g),
    };

    /// <summary>g applied to one float (the tail of an output that does not fill a vector).</summary>
    public static string Scalar(Activation g, string x) => g switch
    {
        Activation.Tanh => $"VectorMath.Tanh({x})",
        Activation.Relu => $"Math.Max({x}, 0f)",
        Activation.Sigmoid => $"VectorMath.Sigmoid({x})",
        Activation.Linear => x,
        _ => throw Exhaustive.Unhandled(g),
    };

    /// <summary>g applied in place to a whole span (softmax).</summary>
    public static string Span(Activation g, string span) => g switch
    {
        Activation.Softmax => $"VectorMath.Softmax({span})",
        _ => throw Exhaustive.Unhandled(g),
    };

    /// <summary>g in place over rows of a batch's matrix (<c>BatchMath</c>; the arguments are its ref, stride, width and count), or null for linear.</summary>
    public static string? Batch(Activation g, string arguments) => g switch
    {
        Activation.Tanh => $"BatchMath.Tanh(bits, {arguments})",
        Activation.Relu => $"BatchMath.Relu(bits, {arguments})",
        Activation.Sigmoid => $"BatchMath.Sigmoid(bits, {arguments})",
        Activation.Softmax => $"BatchMath.Softmax({arguments})",
        Activation.Linear => null,
        _ => throw Exhaustive.Unhandled(g),
    };
}
