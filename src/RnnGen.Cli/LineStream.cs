using System;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace RnnGen.Cli;

/// <summary>
/// The loop of the streaming commands (<c>rnngen run</c>, <c>rnngen tag</c> over a file or standard input): read a
/// batch of lines, run each line, write the batch's output and flush it, then reuse the batch, so that output appears
/// as the input comes and memory stays bounded. With several threads a reader fills batches, the threads run them, and
/// the caller's thread writes them in input order: at most <see cref="BatchesPerThread"/> × threads + 2 batches are in
/// flight (the reorder window and the queues are bounded), and the output is the same bytes on any number of threads.
/// </summary>
/// <remarks>
/// A line that cannot be run (or a read that fails) stops the stream at that line: the output of every line before it
/// is written, nothing after it, and the failure (naming the line) is returned; an exception is rethrown after the
/// output of the lines before it.
/// </remarks>
internal static class LineStream
{
    /// <summary>Batches in flight per thread beyond the one it runs: enough that no thread waits for the reader or writer.</summary>
    public const int BatchesPerThread = 2;

    /// <summary>Streams <paramref name="reader"/>'s lines through workers from <paramref name="workers"/> to <paramref name="output"/>.</summary>
    /// <returns>Null when every line was run, else why the stream stopped.</returns>
    public static Failure? Run(LineReader reader, TextWriter output, Func<ILineWorker> workers, int threads) =>
        threads <= 1 ? Sequential(reader, output, workers()) : Parallel(reader, output, workers, threads);

    /// <summary>Runs a batch's lines in order; stops at the first that fails.</summary>
    public static void RunBatch(LineBatch batch, ILineWorker worker)
    {
        try
        {
            for (int i = 0; i < batch.Count; i++)
            {
                Failure? failure = worker.Write(batch.Line(i), batch.FirstLine + i, batch.Output);
                if (failure is not null)
                {
                    batch.Failure = failure;
                    return;
                }
            }
        }
        catch (Exception e)
        {
            batch.Fault = e;
        }
    }

    /// <summary>Writes and flushes a batch's output; returns why the stream stops after it (or rethrows), or null.</summary>
    private static Failure? Write(LineBatch batch, TextWriter output)
    {
        output.Write(batch.Output.Written);
        output.Flush();
        if (batch.Fault is not null) ExceptionDispatchInfo.Throw(batch.Fault);
        if (batch.Failure is not null) return batch.Failure;
        if (batch.ReadFault is not null) ExceptionDispatchInfo.Throw(batch.ReadFault);
        return batch.ReadFailure;
    }

    private static bool Stops(LineBatch batch) =>
        batch.End || batch.Failure is not null || batch.Fault is not null;

    private static Failure? Sequential(LineReader reader, TextWriter output, ILineWorker worker)
    {
        var batch = new LineBatch();
        while (true)
        {
            reader.Fill(batch);
            RunBatch(batch, worker);
            Failure? failure = Write(batch, output);
            if (failure is not null || Stops(batch)) return failure;
            batch.Reset();
        }
    }

    private static Failure? Parallel(LineReader reader, TextWriter output, Func<ILineWorker> workers, int threads)
    {
        int inFlight = BatchesPerThread * threads + 2;
        // Not disposed: the reader may still hold them, blocked in a read, when this returns.
        var stop = new CancellationTokenSource();
        var free = new BlockingCollection<LineBatch>(inFlight);
        var work = new BlockingCollection<LineBatch>(inFlight);
        var ordered = new BlockingCollection<LineBatch>(inFlight);
        for (int i = 0; i < inFlight; i++) free.Add(new LineBatch());

        // The reader may block in a read that cannot be cancelled (a terminal, a pipe): a background thread, not joined.
        var readerThread = new Thread(() => ReadAll(reader, free, work, ordered, stop.Token)) { IsBackground = true, Name = "rnngen reader" };
        var runners = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            ILineWorker worker = workers();
            runners[i] = new Thread(() => RunAll(work, worker, stop.Token)) { IsBackground = true, Name = "rnngen worker" };
        }
        readerThread.Start();
        foreach (Thread runner in runners) runner.Start();
        try
        {
            foreach (LineBatch batch in ordered.GetConsumingEnumerable())
            {
                batch.Done.Wait();
                Failure? failure = Write(batch, output);
                if (failure is not null || Stops(batch)) return failure;
                batch.Reset();
                free.Add(batch);
            }
            return null;
        }
        finally
        {
            stop.Cancel();
            foreach (Thread runner in runners) runner.Join();
        }
    }

    private static void ReadAll(LineReader reader, BlockingCollection<LineBatch> free, BlockingCollection<LineBatch> work,
        BlockingCollection<LineBatch> ordered, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                LineBatch batch = free.Take(stop);
                reader.Fill(batch);
                ordered.Add(batch, stop);
                work.Add(batch, stop);
                if (batch.End) return;
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            work.CompleteAdding();
            ordered.CompleteAdding();
        }
    }

    private static void RunAll(BlockingCollection<LineBatch> work, ILineWorker worker, CancellationToken stop)
    {
        try
        {
            foreach (LineBatch batch in work.GetConsumingEnumerable(stop))
            {
                RunBatch(batch, worker);
                batch.Done.Set();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
