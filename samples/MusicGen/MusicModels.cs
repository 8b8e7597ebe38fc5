using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen;
using RnnGen.Data.Music;
using RnnGen.Models;
using RnnGen.Training;

namespace MusicGen;

/// <summary>A music model of samples/music/: its key, its training program, and how to load it as a streamed model.</summary>
internal sealed record MusicModel(string Key, ITrainingProgram Training, Vocabulary Vocabulary, Func<string, INextSymbolModel> Load);

/// <summary>The generated classes of samples/music/, each behind a small adapter over its typed <c>Step</c>.</summary>
internal static class MusicModels
{
    public static IReadOnlyList<MusicModel> All { get; } =
    [
        new("abc-gru-64", AbcGru64.Training, AbcGru64.Vocabulary, path => new Gru64(AbcGru64.Load(path))),
        new("abc-gru-128", AbcGru128.Training, AbcGru128.Vocabulary, path => new Gru128(AbcGru128.Load(path))),
        new("abc-lstm-128", AbcLstm128.Training, AbcLstm128.Vocabulary, path => new Lstm128(AbcLstm128.Load(path))),
    ];

    public static MusicModel Find(string key)
    {
        foreach (MusicModel m in All) if (m.Key == key) return m;
        throw new FormatException($"No music model is called '{key}'; the models: {string.Join(", ", All.Select(m => m.Key))}.");
    }

    private sealed class Gru64(AbcGru64 model) : INextSymbolModel
    {
        private AbcGru64.Hidden state;
        public int VocabularySize => AbcGru64.OutputSize;
        public void Reset() => state = default;
        public void Step(int token, Span<float> probabilities)
        {
            model.Step(ref state, token, out AbcGru64.Output y);
            y.CopyTo(probabilities);
        }
    }

    private sealed class Gru128(AbcGru128 model) : INextSymbolModel
    {
        private AbcGru128.Hidden state;
        public int VocabularySize => AbcGru128.OutputSize;
        public void Reset() => state = default;
        public void Step(int token, Span<float> probabilities)
        {
            model.Step(ref state, token, out AbcGru128.Output y);
            y.CopyTo(probabilities);
        }
    }

    private sealed class Lstm128(AbcLstm128 model) : INextSymbolModel
    {
        private AbcLstm128.Hidden state;
        public int VocabularySize => AbcLstm128.OutputSize;
        public void Reset() => state = default;
        public void Step(int token, Span<float> probabilities)
        {
            model.Step(ref state, token, out AbcLstm128.Output y);
            y.CopyTo(probabilities);
        }
    }
}
