namespace Volara.Runtime.Engine;

/// <summary>Runs the blocks of a <see cref="IBlockSource"/> until it is finished: serially, on threads, or in worker processes.</summary>
public interface IExecutor
{
    Task RunAsync(IBlockSource blocks, ExecutionSettings settings, CancellationToken cancellationToken);
}
