namespace Volara.Runtime.Engine.Pipelines;

/// <summary>Pipeline building on any task (the interface cannot carry operators).</summary>
public static class PipelineExtensions
{
    /// <summary>Runs <paramref name="downstream"/> after <paramref name="upstream"/>.</summary>
    public static Pipeline Then(this IBlockwiseTask upstream, IBlockwiseTask downstream) => Pipeline.Of(upstream) + Pipeline.Of(downstream);

    /// <summary>Runs both independently.</summary>
    public static Pipeline And(this IBlockwiseTask left, IBlockwiseTask right) => Pipeline.Of(left) | Pipeline.Of(right);

    public static Pipeline ToPipeline(this IBlockwiseTask task) => Pipeline.Of(task);
}
