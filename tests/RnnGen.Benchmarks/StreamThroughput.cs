using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RnnGen.Cli;
using RnnGen.Models;

namespace RnnGen.Benchmarks;

/// <summary>
/// Where the time of <c>rnngen tag</c> over a large text goes, on one core: the same loop as the command
/// (<see cref="LineStream"/>, compiled in from src/RnnGen.Cli) run with workers that stop after each phase (read,
/// tokenise, vocabulary lookup, Forward, format), then the whole command's work to a UTF-8 file, against the bare
/// generated <c>Step</c> over the same tokens. <c>scripts/stream-throughput.sh</c> runs it and times the tool itself.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project tests/RnnGen.Benchmarks -- stream-throughput --brown DIR --tokens N --text FILE</c>
/// writes FILE (the Brown corpus's sentences, one a line, words without their tags, repeated to at least N tokens of
/// the name tagger's tokenizer) unless it exists, then prints one line per measurement.
/// </remarks>
public static class StreamThroughput
{
    public static int Run(string[] args)
    {
        string? brown = Option(args, "--brown"), text = Option(args, "--text");
        long tokens = long.Parse(Option(args, "--tokens") ?? "10000000", CultureInfo.InvariantCulture);
        if (text is null || (brown is null && !File.Exists(text)))
        {
            Console.Error.WriteLine("usage: stream-throughput --text FILE [--brown DIR --tokens N]   (FILE is written from DIR when it is missing)");
            return 2;
        }
        if (!File.Exists(text)) Write(brown!, tokens, text);

        NameTagger model = NameTagger.Load();
        Vocabulary vocabulary = NameTagger.Vocabulary;
        var counter = new Phase(model, vocabulary, Phase.Stop.Tokenise);
        Measure("warm-up (tokenise)", text, () => counter, TextWriter.Null, rounds: 1);
        long count = counter.Tokens;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"input: {text}, {new FileInfo(text).Length:N0} bytes, {counter.Lines:N0} lines, {count:N0} tokens"));

        double read = Measure("read (lines)", text, () => new Phase(model, vocabulary, Phase.Stop.Read), TextWriter.Null);
        double tokenise = Measure("read + tokenise", text, () => new Phase(model, vocabulary, Phase.Stop.Tokenise), TextWriter.Null);
        double lookup = Measure("read + tokenise + lookup", text, () => new Phase(model, vocabulary, Phase.Stop.Lookup), TextWriter.Null);
        double forward = Measure("read + tokenise + lookup + Forward", text, () => new Phase(model, vocabulary, Phase.Stop.Forward), TextWriter.Null);
        double format = Measure("tag's worker, output discarded", text, () => new TagWorker(model, vocabulary, blankLineAfter: true), TextWriter.Null);
        double all;
        using (var sink = new StreamWriter(new FileStream("/dev/null", FileMode.Append, FileAccess.Write), new UTF8Encoding(false), 1 << 16))
        {
            all = Measure("tag's worker, UTF-8 to /dev/null (threads 1)", text, () => new TagWorker(model, vocabulary, blankLineAfter: true), sink);
        }
        double step = BareStep(model, vocabulary, text, count);

        Console.WriteLine();
        Console.WriteLine("phase                      s      share   (one core, differences of the runs above)");
        Row("read + split lines", read, all);
        Row("tokenise", tokenise - read, all);
        Row("vocabulary lookup", lookup - tokenise, all);
        Row("Forward", forward - lookup, all);
        Row("format the table", format - forward, all);
        Row("encode UTF-8 + write", all - format, all);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tokens/s: bare Step {count / step:N0}; tag's loop on one core {count / all:N0} = {step / all:P1} of bare Step"));
        // For scripts/stream-throughput.sh.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result tokens={count} bare_step_seconds={step:F4}"));
        return 0;
    }

    private static void Row(string name, double seconds, double total) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-26} {seconds,6:F2}  {seconds / total,6:P1}"));

    private static string? Option(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>Seconds of the stream loop over the file on one thread, the best of <see cref="Rounds"/>.</summary>
    private static double Measure(string name, string text, Func<ILineWorker> workers, TextWriter output, int rounds = Rounds)
    {
        double best = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            using var reader = new StreamReader(text, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var watch = Stopwatch.StartNew();
            Failure? failure = LineStream.Run(new LineReader(reader, "tag"), output, workers, threads: 1);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            if (failure is not null) throw new InvalidOperationException(failure.Message);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-48} {best,7:F2} s  (best of {rounds})"));
        return best;
    }

    /// <summary>Runs of each measurement; the fastest counts (noise only ever adds time).</summary>
    private const int Rounds = 3;

    /// <summary>Seconds of the generated Step over every token of the text (ids looked up beforehand), the state reset per line.</summary>
    private static double BareStep(NameTagger model, Vocabulary vocabulary, string text, long count)
    {
        var ids = new int[count];
        var lineEnds = new List<int>();
        int n = 0;
        foreach (string line in File.ReadLines(text))
        {
            foreach (string token in NameTagger.Tokenize(line)) ids[n++] = vocabulary.IndexOf(token);
            lineEnds.Add(n);
        }
        double best = double.MaxValue;
        float sum = 0;
        for (int round = 0; round < Rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            int t = 0;
            foreach (int end in lineEnds)
            {
                NameTagger.Hidden state = default;
                for (; t < end; t++)
                {
                    model.Step(ref state, ids[t], out NameTagger.Output y);
                    sum += y.Person;
                }
            }
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"bare Step over the same tokens",-48} {best,7:F2} s  (best of {Rounds}; checksum {sum:G6})"));
        return best;
    }

    /// <summary>The Brown corpus's sentences as plain text (the word of each word/tag), repeated until the text holds at least <paramref name="tokens"/> tokens.</summary>
    private static void Write(string brown, long tokens, string path)
    {
        var fileName = new Regex("^c[a-r][0-9][0-9]$");
        string[] sentences = Directory.GetFiles(brown).Where(f => fileName.IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => string.Join(' ', l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(Word)))
            .ToArray();
        if (sentences.Length == 0) throw new InvalidOperationException($"no Brown files (ca01 … cr09) in {brown}");
        int[] counts = sentences.Select(s => NameTagger.Tokenize(s).Count).ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        long written = 0, lines = 0;
        for (int i = 0; written < tokens; i = (i + 1) % sentences.Length, lines++)
        {
            writer.Write(sentences[i]);
            writer.Write('\n');
            written += counts[i];
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {path}: {lines:N0} lines, {written:N0} tokens ({sentences.Length:N0} Brown sentences of {counts.Sum(c => (long)c):N0} tokens, repeated)"));
    }

    private static string Word(string field)
    {
        int slash = field.LastIndexOf('/');
        return slash > 0 ? field[..slash] : field;
    }

    /// <summary>A worker that stops after a phase, so that the difference of two runs is that phase's time.</summary>
    private sealed class Phase(NameTagger model, Vocabulary vocabulary, Phase.Stop stop) : ILineWorker
    {
        public enum Stop { Read, Tokenise, Lookup, Forward }

        private readonly char[] token = new char[1 << 16];
        private int[] ids = new int[1024];
        private float[] outputs = new float[1024];

        public long Tokens { get; private set; }

        public long Lines { get; private set; }

        public Failure? Write(ReadOnlySpan<char> line, long lineNumber, CharBuffer output)
        {
            Lines++;
            if (stop == Stop.Read) return null;
            int count = 0;
            TokenEnumerator tokens = Tokenizer.EnumerateTokens(line, SpecWords.Words);
            while (tokens.MoveNext())
            {
                int length = tokens.CopyCurrent(token);
                if (count == ids.Length)
                {
                    Array.Resize(ref ids, count * 2);
                    Array.Resize(ref outputs, count * 2);
                }
                if (stop != Stop.Tokenise) vocabulary.TryIndexOf(token.AsSpan(0, length), out ids[count]);
                count++;
            }
            Tokens += count;
            if (stop == Stop.Forward) ((IOneHotRnnModel)model).Forward(ids.AsSpan(0, count), outputs.AsSpan(0, count));
            return null;
        }
    }
}
