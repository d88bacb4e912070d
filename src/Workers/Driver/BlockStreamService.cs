using Grpc.Core;
using Volara.Runtime.Engine;
using Volara.Workers.Protocol;

namespace Volara.Workers.Driver;

/// <summary>
/// Serves one worker stream: applies the worker's reports to the block source and sends it ready blocks up
/// to the number it asked for, or "shut down" once its task is finished.
/// </summary>
internal sealed class BlockStreamService(DriverState driver) : BlockService.BlockServiceBase
{
    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(50);

    public override async Task Connect(
        IAsyncStreamReader<WorkerMessage> requestStream,
        IServerStreamWriter<DriverMessage> responseStream,
        ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken))
        {
            return;
        }

        var hello = requestStream.Current.Hello
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "the first message of a worker must say hello"));
        var slot = driver.Find(hello.WorkerId);
        if (slot is null || slot.Task.Name != hello.TaskName)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no worker {hello.WorkerId} of task '{hello.TaskName}' in this run"));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, slot.Stopping.Token);
        lock (slot.Gate)
        {
            if (slot.Connected || slot.Exited)
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists, $"worker {hello.WorkerId} of task '{hello.TaskName}' is connected already or has exited"));
            }

            slot.Connected = true;
        }

        Apply(slot, requestStream.Current);
        var sending = SendAsync(slot, responseStream, stop.Token);
        try
        {
            while (await requestStream.MoveNext(stop.Token))
            {
                Apply(slot, requestStream.Current);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The worker exited or the run ended.
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await sending;
            }
            catch (Exception error) when (error is OperationCanceledException or IOException or InvalidOperationException)
            {
                // The stream is gone; the worker's blocks are failed when its process exits.
            }

            lock (slot.Gate)
            {
                // A worker that cannot talk to the driver is useless: end it so its blocks are released.
                if (!slot.ShutdownSent && !slot.Exited)
                {
                    slot.Process?.Kill();
                }
            }
        }
    }

    private void Apply(WorkerSlot slot, WorkerMessage message)
    {
        var source = driver.Source;
        lock (slot.Gate)
        {
            foreach (var id in message.Succeeded)
            {
                // A block missing here was already declared lost (timeout): its late report is ignored.
                if (slot.Held.Remove(id, out var held))
                {
                    source.Succeeded(held.Block);
                }
            }

            foreach (var failure in message.Failed)
            {
                if (slot.Held.Remove(failure.Id, out var held))
                {
                    source.Failed(held.Block, new BlockFailure(slot.Id, failure.Reason));
                }
            }

            slot.Demand += Math.Max(0, message.Want);
            if (message.PeakResidentBytes > 0)
            {
                source.ReportPeakMemory(slot.Task.Name, (long)message.PeakResidentBytes);
            }
        }

        slot.Changed.Set();
    }

    private async Task SendAsync(WorkerSlot slot, IServerStreamWriter<DriverMessage> responses, CancellationToken cancellationToken)
    {
        var source = driver.Source;
        var task = slot.Task;
        var blocks = new List<Block>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Taken before looking at the state, so a change in between still wakes this loop.
            var slotChanged = slot.Changed.Next;
            bool wantsBlocks;

            var message = new DriverMessage();
            lock (slot.Gate)
            {
                if (slot.Exited)
                {
                    return;
                }

                if (slot.Demand > 0)
                {
                    blocks.Clear();
                    task.Take(slot.Demand, blocks);
                    var now = System.Diagnostics.Stopwatch.GetTimestamp();
                    foreach (var block in blocks)
                    {
                        slot.Held[block.Id] = new HeldBlock(block, now);
                        message.Blocks.Add(WireBlocks.ToWire(block));
                    }

                    slot.Demand -= blocks.Count;
                }

                if (message.Blocks.Count == 0 && slot.Held.Count == 0 && task.IsFinished)
                {
                    message.Shutdown = true;
                    slot.ShutdownSent = true;
                }

                wantsBlocks = slot.Demand > 0;
            }

            if (message.Blocks.Count > 0 || message.Shutdown)
            {
                await responses.WriteAsync(message, cancellationToken);
                if (message.Shutdown)
                {
                    return;
                }

                continue;
            }

            // The ready-wait completes at once when a block is ready (or the task finished); the short delay
            // covers sources that can only signal changes in general, and cancellation.
            var fallback = Task.Delay(ReadyPoll, cancellationToken);
            if (wantsBlocks)
            {
                await Task.WhenAny(source.WaitForReadyAsync(task.Name, cancellationToken), slotChanged, fallback);
            }
            else
            {
                await Task.WhenAny(slotChanged, fallback);
            }
        }
    }
}
