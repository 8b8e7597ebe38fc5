using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Cli;

/// <summary>What <c>rnngen tag</c> computes: text → tokens → indices → one forward pass.</summary>
internal static class Tagging
{
    public static Result<IReadOnlyList<TaggedToken>> Tag(IOneHotRnnModel model, string text)
    {
        RnnModelInfo info = model.Info;
        if (model.Vocabulary is not Vocabulary vocabulary)
        {
            return Failure.Usage($"model '{info.Key}' has no vocabulary and reads bare token ids; use 'rnngen run' instead");
        }
        IReadOnlyList<string> tokens = Tokenizer.Tokenize(text, info.Tokenizer);
        if (tokens.Count == 0)
        {
            return Failure.BadInput($"the text holds no tokens for the '{info.Tokenizer}' tokenizer");
        }
        int[] ids = vocabulary.Encode(tokens);
        float[] outputs = Forward(model, ids);
        return Result<IReadOnlyList<TaggedToken>>.Ok(tokens.Select((token, t) => new TaggedToken(
            token,
            ids[t],
            !vocabulary.Contains(token),
            outputs.AsSpan(t * info.OutputSize, info.OutputSize).ToArray())).ToArray());
    }

    /// <summary>ŷ&lt;1&gt; … ŷ&lt;T&gt; for token indices already checked to be in range.</summary>
    public static float[] Forward(IOneHotRnnModel model, ReadOnlySpan<int> ids)
    {
        var outputs = new float[ids.Length * model.Info.OutputSize];
        model.Forward(ids, outputs);
        return outputs;
    }
}
