using System;
using System.Collections.Generic;
using RnnGen.Training;

namespace RnnGen.Data.Speech;

/// <summary>
/// A clip as the classifier (shape many-to-one) is trained on it and reads it: its log-mel frames as the dense
/// x&lt;1&gt; … x&lt;T&gt;, and the digit's one-hot target scored at the last frame only
/// (<see cref="TrainingSequence.DenseLastStep"/>: step weight 1 there, 0 at every other frame): the last-step loss.
/// </summary>
public static class DigitSequences
{
    public static TrainingSequence ToSequence(float[] frames, int bands, string label)
    {
        var target = new float[SpeechSplit.Digits.Count];
        target[SpeechSplit.DigitIndex(label)] = 1;
        return TrainingSequence.DenseLastStep(frames, bands, target);
    }

    public static IReadOnlyList<TrainingSequence> ToSequences(IReadOnlyList<float[]> frames, IReadOnlyList<SpeechClip> clips, int bands)
    {
        var sequences = new TrainingSequence[clips.Count];
        for (int i = 0; i < sequences.Length; i++) sequences[i] = ToSequence(frames[i], bands, clips[i].Label);
        return sequences;
    }

    /// <summary>The digit the classifier hears: its largest output after the last frame (the first of equals).</summary>
    /// <param name="model">A classifier: its Forward writes one ŷ (OutputSize values).</param>
    /// <param name="frames">The clip's frames.</param>
    /// <param name="outputs">OutputSize values of scratch space.</param>
    public static int Predict(IDenseRnnModel model, float[] frames, float[] outputs)
    {
        model.Forward(frames, outputs);
        ReadOnlySpan<float> last = outputs;
        int best = 0;
        for (int k = 1; k < last.Length; k++) if (last[k] > last[best]) best = k;
        return best;
    }
}
