using System.Collections.Generic;

namespace RnnGen.Cli;

/// <summary>One input line of <c>rnngen run</c>, parsed: what the model reads for one sequence.</summary>
internal abstract record RunSequence
{
    private RunSequence()
    {
    }

    /// <summary>A one-hot sequence: the tokens as shown and the indices the model reads.</summary>
    public sealed record OneHot(IReadOnlyList<string> Tokens, int[] Ids) : RunSequence;

    /// <summary>A dense sequence: T × InputSize values, x&lt;1&gt; first.</summary>
    public sealed record Dense(float[] Values) : RunSequence;
}
