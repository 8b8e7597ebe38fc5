using System;
using System.Collections.Generic;
using RnnGen.Training;

namespace RnnGen.Data.Speech;

/// <summary>
/// A clip as the classifier is trained on it and reads it: its log-mel frames as the dense x&lt;1&gt; … x&lt;T&gt;, and the
/// digit's one-hot target scored at the last frame only (step weight 1 there, 0 at every other frame): the last-step
/// loss of a many-to-one classifier. The target is the same one-hot at every frame, so the trainer's per-frame
/// validation accuracy stays defined; only the last frame's counts in the loss.
/// </summary>
public static class DigitSequences
{
    public static TrainingSequence ToSequence(float[] frames, int bands, string label)
    {
        int steps = frames.Length / bands;
        int digit = SpeechSplit.DigitIndex(label);
        int classes = SpeechSplit.Digits.Count;
        var targets = new float[steps * classes];
        for (int t = 0; t < steps; t++) targets[t * classes + digit] = 1;
        var weights = new float[steps];
        weights[steps - 1] = 1;
        return TrainingSequence.Dense(frames, bands, targets, weights);
    }

    public static IReadOnlyList<TrainingSequence> ToSequences(IReadOnlyList<float[]> frames, IReadOnlyList<SpeechClip> clips, int bands)
    {
        var sequences = new TrainingSequence[clips.Count];
        for (int i = 0; i < sequences.Length; i++) sequences[i] = ToSequence(frames[i], bands, clips[i].Label);
        return sequences;
    }

    /// <summary>The digit the model hears: the largest output at the last frame (the first of equals).</summary>
    public static int Predict(IDenseRnnModel model, float[] frames, int bands, float[] outputs)
    {
        int steps = frames.Length / bands;
        int classes = model.Info.OutputSize;
        model.Forward(frames, outputs.AsSpan(0, steps * classes));
        ReadOnlySpan<float> last = outputs.AsSpan((steps - 1) * classes, classes);
        int best = 0;
        for (int k = 1; k < last.Length; k++) if (last[k] > last[best]) best = k;
        return best;
    }
}
