using System.Collections.Generic;

namespace RnnGen.Cli;

/// <summary>One step of a tagged sequence: the token as the text gave it, its vocabulary index and ŷ&lt;t&gt;.</summary>
/// <param name="Token">The token the tokenizer produced.</param>
/// <param name="Id">Its index in the vocabulary (the &lt;UNK&gt; index when the vocabulary lacks it).</param>
/// <param name="Unknown">Whether the token fell back to &lt;UNK&gt;.</param>
/// <param name="Outputs">ŷ&lt;t&gt;, OutputSize values.</param>
internal sealed record TaggedToken(string Token, int Id, bool Unknown, IReadOnlyList<float> Outputs);
