using System;
using System.Collections.Generic;

namespace RnnGen.Training;

/// <summary>
/// The generated half of training a model: its loss and the gradients of that loss with respect to every weight
/// tensor, computed by code the generator derives from the model's step program (each operation of the forward
/// step has its adjoint), over batches of sequences in lock-step. The run-time half, in this library, is the rest:
/// the optimizer, batching, data and the training loop (<c>Trainer</c>).
/// </summary>
/// <remarks>
/// Parameters are the model's weight tensors exactly as its weights file holds them (<see cref="RnnModelInfo.Tensors"/>,
/// in that order, each row-major): what the trainer updates is what it writes, and what the generated class loads.
/// Each generated model exposes its program as the static property <c>Training</c>.
/// </remarks>
public interface ITrainingProgram
{
    /// <summary>The model the program trains.</summary>
    RnnModelInfo Info { get; }

    /// <summary>The loss each step's output is scored with, which the output activation implies.</summary>
    LossKind Loss { get; }

    /// <summary>How each tensor of <see cref="RnnModelInfo.Tensors"/> starts, as PyTorch initialises the same module.</summary>
    IReadOnlyList<ParameterInit> Init { get; }

    /// <summary>A model holding these parameters, packed for the kernels (its forward pass is the one the build generated).</summary>
    /// <exception cref="ArgumentException">A parameter does not hold its tensor's number of values.</exception>
    IRnnModel CreateModel(IReadOnlyList<float[]> parameters);

    /// <summary>Packs new values of the parameters into a model made by <see cref="CreateModel"/>, in place.</summary>
    /// <exception cref="ArgumentException">The model is not this program's, or a parameter has the wrong length.</exception>
    void Repack(IRnnModel model, IReadOnlyList<float[]> parameters);

    /// <summary>The gradient buffers and scratch space of one thread.</summary>
    ITrainingWorkspace CreateWorkspace();

    /// <summary>
    /// Runs the batch forward and backward through time on <paramref name="model"/> (packed from
    /// <paramref name="parameters"/>, which the gradients of an embedding's folded table also need), adds the gradient
    /// of the summed, weighted loss of every scored step to <paramref name="gradients"/> (one array per tensor, as the
    /// parameters) and returns that summed loss. Nothing is allocated once the workspace has seen a batch as large.
    /// </summary>
    /// <exception cref="ArgumentException">The batch's parts do not fit together, a token is out of range, or a list does not hold the model's tensors.</exception>
    double Backward(IRnnModel model, IReadOnlyList<float[]> parameters, ITrainingWorkspace workspace, SequenceBatch batch, IReadOnlyList<float[]> gradients);
}

/// <summary>One thread's buffers for <see cref="ITrainingProgram.Backward"/>: made by the program, opaque to the trainer.</summary>
public interface ITrainingWorkspace
{
}

/// <summary>The loss of one step's output ŷ against its target t.</summary>
public enum LossKind
{
    /// <summary>For sigmoid outputs: −Σ_k [t_k log ŷ_k + (1 − t_k) log(1 − ŷ_k)], each output a yes/no.</summary>
    BinaryCrossEntropy,

    /// <summary>For softmax outputs: −Σ_k t_k log ŷ_k, the target one-hot (or a distribution).</summary>
    CrossEntropy,

    /// <summary>For the other outputs: ½ Σ_k (ŷ_k − t_k)².</summary>
    SquaredError,
}

/// <summary>How a tensor's values start: uniform in [−Scale, Scale], or normal with standard deviation Scale.</summary>
/// <param name="Normal">Normal rather than uniform.</param>
/// <param name="Scale">The bound of the uniform, or the standard deviation of the normal.</param>
public readonly record struct ParameterInit(bool Normal, float Scale);

/// <summary>
/// Sequences packed one after another, as <c>ForwardBatch</c> takes them, with a target for each step.
/// </summary>
/// <param name="Tokens">A one-hot model's token indices, all sequences' one after another (empty for a dense model).</param>
/// <param name="Inputs">A dense model's x&lt;t&gt; values, InputSize per step (empty for a one-hot model).</param>
/// <param name="Lengths">Each sequence's number of steps.</param>
/// <param name="Targets">OutputSize values per step: 0 or 1 per sigmoid output, a one-hot class for softmax, the values for the others.</param>
/// <param name="StepWeights">How much each step's loss counts (0: not scored), or empty: every step counts 1.</param>
public readonly ref struct SequenceBatch(
    ReadOnlySpan<int> Tokens, ReadOnlySpan<float> Inputs, ReadOnlySpan<int> Lengths, ReadOnlySpan<float> Targets, ReadOnlySpan<float> StepWeights = default)
{
    /// <summary>A one-hot model's token indices.</summary>
    public ReadOnlySpan<int> Tokens { get; } = Tokens;

    /// <summary>A dense model's input values.</summary>
    public ReadOnlySpan<float> Inputs { get; } = Inputs;

    /// <summary>Each sequence's number of steps.</summary>
    public ReadOnlySpan<int> Lengths { get; } = Lengths;

    /// <summary>OutputSize target values per step.</summary>
    public ReadOnlySpan<float> Targets { get; } = Targets;

    /// <summary>Each step's weight in the loss, or empty for all 1.</summary>
    public ReadOnlySpan<float> StepWeights { get; } = StepWeights;
}
