using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen;
using RnnGen.Data.Music;
using RnnGen.Models;
using RnnGen.Training;

namespace MusicGen;

/// <summary>
/// A music model of samples/music/: its key, its training program, and how to load it, as a streamed model (for scoring)
/// and as the generated generator (its <c>Generate</c>, for sampling).
/// </summary>
internal sealed record MusicModel(
    string Key, ITrainingProgram Training, Vocabulary Vocabulary, Func<string, INextSymbolModel> Load, Func<string, IOneHotGenerator> LoadGenerator);

/// <summary>
/// The generated classes of samples/music/, each streamed through its typed <c>Step</c>. The generated classes share no
/// interface with a typed <c>Step</c> (each has its own <c>Hidden</c> and <c>Output</c>), so each is handed to one
/// generic adapter as a lambda.
/// </summary>
internal static class MusicModels
{
    public static IReadOnlyList<MusicModel> All { get; } =
    [
        new("abc-gru-64", AbcGru64.Training, AbcGru64.Vocabulary,
            path => Streamed<AbcGru64.Hidden, AbcGru64.Output>(AbcGru64.Load(path).Step, AbcGru64.OutputSize, (in AbcGru64.Output y, Span<float> p) => y.CopyTo(p)),
            path => AbcGru64.Load(path)),
        new("abc-tunes", AbcTunes.Training, AbcTunes.Vocabulary,
            path => Streamed<AbcTunes.Hidden, AbcTunes.Output>(AbcTunes.Load(path).Step, AbcTunes.OutputSize, (in AbcTunes.Output y, Span<float> p) => y.CopyTo(p)),
            path => AbcTunes.Load(path)),
        new("abc-lstm-128", AbcLstm128.Training, AbcLstm128.Vocabulary,
            path => Streamed<AbcLstm128.Hidden, AbcLstm128.Output>(AbcLstm128.Load(path).Step, AbcLstm128.OutputSize, (in AbcLstm128.Output y, Span<float> p) => y.CopyTo(p)),
            path => AbcLstm128.Load(path)),
    ];

    public static MusicModel Find(string key)
    {
        foreach (MusicModel m in All) if (m.Key == key) return m;
        throw new FormatException($"No music model is called '{key}'; the models: {string.Join(", ", All.Select(m => m.Key))}.");
    }

    private delegate void StepFunction<THidden, TOutput>(ref THidden state, int token, out TOutput output);

    private delegate void CopyFunction<TOutput>(in TOutput output, Span<float> probabilities);

    private static INextSymbolModel Streamed<THidden, TOutput>(StepFunction<THidden, TOutput> step, int size, CopyFunction<TOutput> copy)
        where THidden : struct => new Stream<THidden, TOutput>(step, size, copy);

    private sealed class Stream<THidden, TOutput>(StepFunction<THidden, TOutput> step, int size, CopyFunction<TOutput> copy)
        : INextSymbolModel
        where THidden : struct
    {
        private THidden state;

        public int VocabularySize => size;

        public void Reset() => state = default;

        public void Step(int token, Span<float> probabilities)
        {
            step(ref state, token, out TOutput y);
            copy(y, probabilities);
        }
    }
}
