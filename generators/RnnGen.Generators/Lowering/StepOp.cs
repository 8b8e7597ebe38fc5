using RnnGen.Generators.Model;

namespace RnnGen.Generators.Lowering;

/// <summary>
/// One operation of a <see cref="StepProgram"/>. Each kind is a record of its operands (buffer names
/// and sizes); the emitter and the printer each have one switch over the kinds, and an operation they
/// do not know is an internal error (RNN0099), never skipped.
/// </summary>
internal abstract record StepOp;

/// <summary>
/// <c>Target = Table[Index][Offset..]</c>: a block of the row of a one-hot input (replaces <c>Wax · x&lt;t&gt; + ba</c>;
/// a gated cell's row holds one block per gate, <paramref name="Offset"/> floats apart).
/// </summary>
internal sealed record ReadRowOp(string Target, string Table, string Index, int Offset = 0) : StepOp;

/// <summary><c>Target = Source</c>: a bias vector starts the sums, or a state's old rows are read.</summary>
internal sealed record LoadOp(string Target, string Source) : StepOp;

/// <summary><c>Target = A ⊙ B</c>, element-wise (an operand may be a state buffer, read as it was before the step).</summary>
internal sealed record MultiplyOp(string Target, string A, string B) : StepOp;

/// <summary><c>Target += A ⊙ B</c>, element-wise.</summary>
internal sealed record MultiplyAddOp(string Target, string A, string B) : StepOp;

/// <summary><c>Target = (1 − Gate) ⊙ Target + Gate ⊙ Other</c>: a GRU's update of its state.</summary>
internal sealed record MixOp(string Target, string Gate, string Other) : StepOp;

/// <summary>
/// <c>Target += W · Vector</c> over <paramref name="Columns"/> columns, W packed by columns in two tables:
/// <paramref name="Matrix"/> holds the state's main rows and <paramref name="Tail"/> its tail rows
/// (<see cref="StateRows"/>); either is empty when it has no rows. For each column j,
/// <c>Target += W[:, j] * Vector[j]</c>.
/// </summary>
/// <remarks>
/// A gated cell's gates share their tables: a column of the table holds every gate's block of rows one after
/// another, and <paramref name="MainOffset"/> / <paramref name="TailOffset"/> say where this product's block starts.
/// </remarks>
internal sealed record MatVecOp(string Target, string Matrix, string Tail, string Vector, int Columns, int MainOffset = 0, int TailOffset = 0) : StepOp;

/// <summary><c>Target = g(Target)</c>, element-wise (softmax: over the whole vector).</summary>
internal sealed record ActivateOp(string Target, Activation Function) : StepOp;

/// <summary><c>Target[From..To) = 0</c>: the padding stays exactly zero, whatever the activation gives at 0 or a NaN made there.</summary>
internal sealed record ZeroPaddingOp(string Target, int From, int To) : StepOp;

/// <summary><c>Target = Source</c>: the new state.</summary>
internal sealed record StoreOp(string Target, string Source) : StepOp;

/// <summary><c>Target[k] = Weights[k] · Vector + Bias[k]</c> for each of <paramref name="Outputs"/> outputs (weights packed by rows).</summary>
internal sealed record ProjectOp(string Target, string Weights, string Vector, string Bias, int Outputs) : StepOp;
