using System.Diagnostics;
using Volara.Runtime.Engine.Execution;
using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using Volara.Runtime.Engine;
using Volara.Runtime.Memory;
using Volara.Workers.Protocol;

namespace Volara.Workers;

/// <summary>
/// One worker's conversation with the driver: receives blocks, processes them one after another with a
/// single processor on one dedicated thread (<see cref="BlockThread"/>) and reports results in batches. The
/// number of blocks it holds adapts to their duration, so fast blocks travel in large batches and slow ones one
/// at a time (a worker that dies then loses little). A staged processor's blocks overlap their reads and writes with
/// computing (<see cref="BlockPipeline"/>): the worker then holds at least one block more than are in flight.
/// </summary>
internal sealed class WorkerSession
{
    // Aim for one report per this much work, and never hold more blocks than MaxCredits.
    private static readonly TimeSpan BatchWork = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxReportDelay = TimeSpan.FromMilliseconds(100);
    private const int MaxCredits = 512;

    private readonly WorkerContext _context;
    private readonly IBlockwiseTask _task;
    private readonly TextWriter _log;
    private readonly bool _reportEachBlock;
    private readonly List<ulong> _succeeded = [];
    private readonly List<FailedBlock> _failed = [];
    private readonly List<BlockOutcome> _finished = [];
    private BlockPipeline? _pipeline;
    private int _outstanding;
    private long _workTicks;
    private int _workBlocks;
    private long _lastReport;
    private long _blocksDone;
    private long _loggedPeak;

    private WorkerSession(WorkerContext context, IBlockwiseTask task, TextWriter log)
    {
        _context = context;
        _task = task;
        _log = log;

        // With a timeout the driver measures each block from the moment it is handed out, so hold one at a time.
        _reportEachBlock = task.Execution.BlockTimeout is not null;
    }

    public static int Run(WorkerContext context, IBlockwiseTask task, TextWriter log) =>
        new WorkerSession(context, task, log).RunAsync().GetAwaiter().GetResult();

    private async Task<int> RunAsync()
    {
        using var blockThread = new BlockThread($"volara worker {_context.WorkerId}");
        IBlockProcessor? processor = null;
        try
        {
            await blockThread.RunAsync(() => processor = WorkerStart.CreateProcessor(_task, _context.WorkerId));
        }
        catch (Exception error)
        {
            await _log.WriteLineAsync($"volara worker {_context.WorkerId}: creating the processor of task '{_task.Name}' failed: {error}");
            return WorkerEntry.StartupFailedExitCode;
        }

        try
        {
            return await ServeAsync(processor!, blockThread);
        }
        catch (Exception error) when (error is RpcException or IOException or HttpRequestException or ObjectDisposedException)
        {
            await _log.WriteLineAsync($"volara worker {_context.WorkerId}: lost the driver at {_context.DriverAddress}: {error.Message}");
            return WorkerEntry.DriverLostExitCode;
        }
        finally
        {
            await blockThread.RunAsync(() =>
            {
                _pipeline?.Abandon();
                processor!.Dispose();
            });
        }
    }

    private async Task<int> ServeAsync(IBlockProcessor processor, BlockThread blockThread)
    {
        using var channel = GrpcChannel.ForAddress(_context.DriverAddress, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false },
        });
        var client = new BlockService.BlockServiceClient(channel);
        using var call = client.Connect();
        var inbox = Channel.CreateUnbounded<Block>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var receiving = ReceiveAsync(call.ResponseStream, inbox.Writer);

        if (processor is IStagedBlockProcessor staged && !_reportEachBlock)
        {
            _pipeline = new BlockPipeline(staged);
        }

        _outstanding = 1;
        _lastReport = Stopwatch.GetTimestamp();
        await call.RequestStream.WriteAsync(new WorkerMessage
        {
            Hello = new Hello { TaskName = _context.TaskName, WorkerId = _context.WorkerId },
            Want = 1,
        });
        await _log.WriteLineAsync($"volara worker {_context.WorkerId} of task '{_task.Name}' connected to {_context.DriverAddress}");

        while (true)
        {
            if (!inbox.Reader.TryRead(out var block))
            {
                // Blocks in flight may be what the driver's next blocks wait for.
                if (_pipeline is { Busy: true })
                {
                    await blockThread.RunAsync(() => Drain(_pipeline));
                }

                if (_succeeded.Count + _failed.Count > 0)
                {
                    await ReportAsync(call.RequestStream);
                }

                if (!await inbox.Reader.WaitToReadAsync())
                {
                    break;
                }

                continue;
            }

            await blockThread.RunAsync(() => Process(processor, block));
            if (_reportEachBlock || _succeeded.Count + _failed.Count >= Math.Max(1, _outstanding / 2)
                || Stopwatch.GetElapsedTime(_lastReport) > MaxReportDelay)
            {
                await ReportAsync(call.RequestStream);
            }
        }

        await receiving;
        await call.RequestStream.CompleteAsync();
        await _log.WriteLineAsync($"volara worker {_context.WorkerId}: task '{_task.Name}' has no more blocks; exiting");
        return 0;
    }

    private void Process(IBlockProcessor processor, Block block)
    {
        var started = Stopwatch.GetTimestamp();
        if (_pipeline is not null)
        {
            _pipeline.Submit(block, _finished);
        }
        else
        {
            try
            {
                processor.Process(block);
                _finished.Add(new BlockOutcome(block, null));
            }
            catch (Exception error)
            {
                _finished.Add(new BlockOutcome(block, error));
            }
        }

        _workTicks += Stopwatch.GetTimestamp() - started;
        _workBlocks++;
        Record();
    }

    private void Drain(BlockPipeline pipeline)
    {
        pipeline.Drain(_finished);
        Record();
    }

    private void Record()
    {
        foreach (var (block, error) in _finished)
        {
            BlockBoundary.AfterBlock();
            _blocksDone++;
            if (error is null)
            {
                _succeeded.Add(block.Id);
                continue;
            }

            _failed.Add(new FailedBlock { Id = block.Id, Reason = BlockFailures.Describe(error) });
            _log.WriteLine($"[{DateTime.UtcNow:O}] block {block} failed in worker {_context.WorkerId}:{Environment.NewLine}{error}");
            _log.Flush();
        }

        _finished.Clear();
    }

    private async Task ReportAsync(IClientStreamWriter<WorkerMessage> requests)
    {
        var reported = _succeeded.Count + _failed.Count;
        _outstanding -= reported;
        var want = Math.Max(0, TargetCredits() - _outstanding);
        _outstanding += want;

        var message = new WorkerMessage { Want = want, PeakResidentBytes = (ulong)PeakMemory() };
        message.Succeeded.AddRange(_succeeded);
        message.Failed.AddRange(_failed);
        _succeeded.Clear();
        _failed.Clear();
        await requests.WriteAsync(message);
        _lastReport = Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// The process's peak resident memory, logged whenever it has grown by a tenth since last logged: a worker's
    /// log then shows whether its memory settles after the first blocks or keeps climbing.
    /// </summary>
    private long PeakMemory()
    {
        long peak = ResidentMemory.PeakBytes();
        if (peak > _loggedPeak + (_loggedPeak / 10))
        {
            _loggedPeak = peak;
            _log.WriteLine($"[{DateTime.UtcNow:O}] volara worker {_context.WorkerId}: peak resident memory {peak / (1024 * 1024)} MiB after {_blocksDone} blocks (scratch memory at most {ScratchMemory.PeakHeldBytes / (1024 * 1024)} MiB, managed heap {GC.GetTotalMemory(false) / (1024 * 1024)} MiB)");
            _log.Flush();
        }

        return peak;
    }

    private int TargetCredits()
    {
        // A pipeline reads ahead only if its next block is already here.
        int least = _pipeline is null ? 1 : BlockPipeline.Slots + 1;
        if (_reportEachBlock || _workBlocks == 0)
        {
            return least;
        }

        var averageTicks = Math.Max(1.0, (double)_workTicks / _workBlocks);
        var target = BatchWork.TotalSeconds * Stopwatch.Frequency / averageTicks;
        _workTicks /= 2;
        _workBlocks = Math.Max(1, _workBlocks / 2);
        return (int)Math.Clamp(target, least, MaxCredits);
    }

    private async Task ReceiveAsync(IAsyncStreamReader<DriverMessage> responses, ChannelWriter<Block> inbox)
    {
        try
        {
            while (await responses.MoveNext())
            {
                var message = responses.Current;
                foreach (var wire in message.Blocks)
                {
                    inbox.TryWrite(WireBlocks.FromWire(_context.TaskName, wire));
                }

                if (message.Shutdown)
                {
                    inbox.TryComplete();
                    return;
                }
            }

            inbox.TryComplete(new IOException("the driver closed the block stream without telling this worker to shut down"));
        }
        catch (Exception error)
        {
            inbox.TryComplete(error);
        }
    }
}
