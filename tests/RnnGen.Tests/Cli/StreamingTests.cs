using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using RnnGen.Cli;
using RnnGen.Models;
using RnnGen.Tests.Infrastructure;
using Xunit;

namespace RnnGen.Tests.Cli;

/// <summary>
/// The loop of the streaming commands (<c>rnngen tag</c> and <c>rnngen run</c> over many lines), compiled in from
/// src/RnnGen.Cli and driven in-process: the same bytes on any number of threads, a failure that keeps the output of the
/// lines before it, output written before the input ends, a bounded number of lines in flight, and no allocation per line.
/// </summary>
public sealed class StreamingTests
{
    private static readonly Lazy<NameTagger> s_model = new(() => NameTagger.Load(Path.Combine(RepoPaths.Models, "name-tagger.safetensors")));

    private static NameTagger Model => s_model.Value;

    /// <summary>Odd lines, more than one batch of them: empty, white space only, one token, unknown words, CRLF, punctuation only, a long line.</summary>
    private static string OddInput()
    {
        var text = new StringBuilder();
        string[] kinds =
        [
            "Sam Li and Tom date on Tuesday.", "", "   \t ", "Sam", "Xyzzy qwerty Sam", "!!! ...", "O'Brien met the well-known 'Kennedy'",
            "zone", "1659 0 0 9999", "Über café naïve", string.Join(' ', Enumerable.Repeat("Tom and Sam", 300)),
        ];
        for (int i = 0; i < 2_500; i++)
        {
            text.Append(kinds[i % kinds.Length]);
            text.Append(i % 7 == 0 ? "\r\n" : i % 13 == 0 ? "\r" : "\n");
        }
        return text.Append("last line without a break").ToString();
    }

    private static string Stream(string input, int threads, Func<ILineWorker> workers, out Failure? failure, int maxLineLength = LineReader.MaxLineLength, string command = "tag")
    {
        var output = new StringWriter();
        failure = LineStream.Run(new LineReader(new StringReader(input), command, maxLineLength), output, workers, threads);
        return output.ToString();
    }

    private static Func<ILineWorker> Tag => () => new TagWorker(Model, NameTagger.Vocabulary, blankLineAfter: true);

    private static Func<ILineWorker> Run => () => new RunWorker(Model, InputFormat.Auto);

    [Fact]
    public void Tag_and_run_write_the_same_bytes_on_one_two_and_four_threads()
    {
        string input = OddInput();
        foreach (Func<ILineWorker> workers in new[] { Tag, Run })
        {
            string one = Stream(input, 1, workers, out Failure? failure);
            Assert.Null(failure);
            foreach (int threads in new[] { 2, 4 })
            {
                Assert.Equal(one, Stream(input, threads, workers, out failure));
                Assert.Null(failure);
            }
        }
    }

    [Fact]
    public void Each_line_gets_the_table_the_string_tokenizer_and_vocabulary_give_ending_in_an_empty_line()
    {
        string input = OddInput();
        string streamed = Stream(input, 2, Tag, out Failure? failure);
        Assert.Null(failure);

        string[] lines = input.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var expected = new StringBuilder();
        foreach (string line in lines) expected.Append(ReferenceTable(line)).Append(Environment.NewLine);
        Assert.Equal(expected.ToString(), streamed);
    }

    /// <summary>The table of one line by the obvious, allocating route: the string tokenizer and lookup, and padded strings.</summary>
    private static string ReferenceTable(string line)
    {
        IReadOnlyList<string> tokens = NameTagger.Tokenize(line);
        if (tokens.Count == 0) return "";
        NameTagger.Output[] outputs = Model.Forward(NameTagger.Vocabulary.Encode(tokens));
        bool anyUnknown = tokens.Any(t => !NameTagger.Vocabulary.Contains(t));
        string[] values = outputs.Select(o => o.Person.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        int tokenWidth = tokens.Max(t => t.Length), valueWidth = values.Max(v => v.Length);
        var table = new StringBuilder();
        for (int t = 0; t < tokens.Count; t++)
        {
            string row = tokens[t].PadRight(tokenWidth)
                + (anyUnknown ? "  " + (NameTagger.Vocabulary.Contains(tokens[t]) ? "" : "→ <UNK>").PadRight(7) : "")
                + "  " + values[t].PadLeft(valueWidth) + "  " + (outputs[t].Person >= 0.5f ? "person" : "");
            table.Append(row.TrimEnd()).Append(Environment.NewLine);
        }
        return table.ToString();
    }

    [Fact]
    public void A_bad_line_mid_stream_stops_there_with_the_output_of_every_line_before_it_on_any_number_of_threads()
    {
        // run: line 1,500 (in the second batch) has an id out of range; the 1,499 lines before it are answered.
        var input = new StringBuilder();
        for (int i = 1; i <= 3_000; i++) input.Append(i == 1_500 ? "1 2 10000 3" : i % 3 == 0 ? "" : "Sam met Tom").Append('\n');
        string expected = Stream(string.Concat(input.ToString().Split('\n').Take(1_499).Select(l => l + "\n")), 1, Run, out Failure? none, command: "run");
        Assert.Null(none);
        foreach (int threads in new[] { 1, 2, 4 })
        {
            string output = Stream(input.ToString(), threads, Run, out Failure? failure, command: "run");
            Assert.Equal(expected, output);
            Assert.Equal(1_499, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.NotNull(failure);
            Assert.Equal(ExitCodes.BadInput, failure.ExitCode);
            Assert.Equal("line 1500: token id 10000 (token 3) is out of range; model 'name-tagger' reads ids 0 to 9999", failure.Message);
        }

        // tag: line 4 is over the (lowered) line bound; the tables of lines 1 to 3 are written, nothing after.
        string tagInput = "Sam met Tom\n\nXyzzy\n" + new string('a', 101) + "\nSam\n";
        foreach (int threads in new[] { 1, 2, 4 })
        {
            string output = Stream(tagInput, threads, Tag, out Failure? failure, maxLineLength: 100);
            Assert.Equal(Stream("Sam met Tom\n\nXyzzy\n", 1, Tag, out _), output);
            Assert.Equal("line 4 is longer than 100 characters, the longest line 'rnngen tag' reads", failure?.Message);
        }
    }

    [Fact]
    public void Output_is_written_and_flushed_before_the_input_ends_and_a_failing_read_keeps_the_lines_before_it()
    {
        foreach (int threads in new[] { 1, 2 })
        {
            using var reader = new ScriptedReader(lines: 50, thenBlock: true);
            string expected = Stream(reader.Text, 1, Tag, out _);
            var output = new RecordingWriter();
            Failure? failure = null;
            var streaming = new Thread(() => failure = LineStream.Run(new LineReader(reader, "tag"), output, Tag, threads));
            streaming.Start();
            // The reader gave 50 lines and now blocks: their 50 tables must reach the output (flushed) while it waits.
            Assert.True(SpinWait.SpinUntil(() => output.FlushedText == expected, TimeSpan.FromSeconds(20)),
                $"after 20 s with the input blocked, {threads} thread(s) flushed: {output.FlushedText.Length} characters");
            Assert.True(reader.Blocked);
            reader.Release();
            streaming.Join();
            Assert.Null(failure);
            Assert.Equal(expected, output.ToString());
        }

        foreach (int threads in new[] { 1, 2 })
        {
            using var failing = new ScriptedReader(lines: 1_500, thenBlock: false);
            var output = new StringWriter();
            IOException thrown = Assert.Throws<IOException>(() => LineStream.Run(new LineReader(failing, "tag"), output, Tag, threads));
            Assert.Equal("the disk went away", thrown.Message);
            Assert.Equal(Stream(failing.Text, 1, Tag, out _), output.ToString());
        }
    }

    [Fact]
    public void At_most_a_bounded_number_of_lines_is_read_ahead_of_a_writer_that_waits()
    {
        using var reader = new EndlessReader();
        var output = new BlockingWriter();
        var streaming = new Thread(() => LineStream.Run(new LineReader(reader, "tag"), output, Tag, 2));
        streaming.Start();
        Assert.True(output.Entered.Wait(TimeSpan.FromSeconds(20)));
        Thread.Sleep(500);
        // Batches in flight: 2 per thread + 2; each at most BatchLines lines; the reader's own buffer holds one more block.
        long bound = (LineStream.BatchesPerThread * 2 + 2 + 1) * (long)LineReader.BatchLines + LineReader.BatchCharacters;
        Assert.True(reader.LinesServed <= bound, $"{reader.LinesServed} lines read while the writer waited; bound {bound}");
        reader.End();
        output.Release();
        streaming.Join();
    }

    [Fact]
    public void Tagging_a_stream_allocates_nothing_per_line_once_warm()
    {
        long Allocated(int lines)
        {
            using var reader = new EndlessReader(lines);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Failure? failure = LineStream.Run(new LineReader(reader, "tag"), TextWriter.Null, Tag, 1);
            Assert.Null(failure);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Allocated(2_000);
        long few = Allocated(2_000), many = Allocated(40_000);
        // The fixed cost (a batch, the worker's buffers) is the same; 38,000 more lines may not add a byte per line.
        Assert.True(many - few < 38_000, $"2,000 lines allocated {few:N0} bytes, 40,000 lines {many:N0}");
    }

    /// <summary>Serves a fixed text of <c>lines</c> sentences, then blocks until released (or throws an IOException).</summary>
    private sealed class ScriptedReader(int lines, bool thenBlock) : TextReader
    {
        private readonly ManualResetEventSlim release = new(false);
        private int position;

        public string Text { get; } = string.Concat(Enumerable.Range(0, lines).Select(i => i % 5 == 0 ? "\n" : $"Sam met Tom {i} times\n"));

        public bool Blocked { get; private set; }

        public void Release() => release.Set();

        public override int Read(char[] buffer, int index, int count)
        {
            if (position == Text.Length)
            {
                if (!thenBlock) throw new IOException("the disk went away");
                Blocked = true;
                release.Wait();
                return 0;
            }
            int n = Math.Min(count, Math.Min(Text.Length - position, 700));
            Text.CopyTo(position, buffer, index, n);
            position += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            release.Set();
            base.Dispose(disposing);
        }
    }

    /// <summary>Writes the same sentence over and over, <c>limit</c> lines (or until <see cref="End"/>), without allocating.</summary>
    private sealed class EndlessReader(long limit = long.MaxValue) : TextReader
    {
        private const string Line = "Sam Li and Tom date on Tuesday.\n";
        private volatile bool ended;

        public long LinesServed { get; private set; }

        public void End() => ended = true;

        public override int Read(char[] buffer, int index, int count)
        {
            int n = 0;
            while (!ended && LinesServed < limit && count - n >= Line.Length)
            {
                Line.CopyTo(0, buffer, index + n, Line.Length);
                n += Line.Length;
                LinesServed++;
            }
            return n;
        }
    }

    /// <summary>Keeps what was written, and what had been written at the last flush.</summary>
    private sealed class RecordingWriter : StringWriter
    {
        private volatile string flushed = "";

        public string FlushedText => flushed;

        public override void Flush()
        {
            lock (this) flushed = ToString();
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            lock (this) base.Write(buffer);
        }
    }

    /// <summary>A writer whose first write waits until released.</summary>
    private sealed class BlockingWriter : TextWriter
    {
        private readonly ManualResetEventSlim release = new(false);

        public ManualResetEventSlim Entered { get; } = new(false);

        public override Encoding Encoding => Encoding.UTF8;

        public void Release() => release.Set();

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Entered.Set();
            release.Wait();
        }

        public override void Write(char value)
        {
        }
    }
}
