using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using TorchSharp;
using Volara.Runtime.Datasets;
using Volara.Runtime.Dsl;
using Volara.Runtime.Engine;
using Volara.Runtime.Geometry;
using static TorchSharp.torch;

namespace Volara.Predict;

/// <summary>
/// The state of one worker of a <see cref="Predict"/> task: the model loaded once and a reused input tensor; per block
/// one forward pass whose outputs are cropped to the block's write ROI (within each output array), in host memory, and
/// left pending: the block's write stage converts what is not converted yet and writes them, while the next block's
/// forward pass runs.
/// </summary>
internal sealed class PredictWorker : IDisposable, IPendingWrites
{
    private readonly ConcurrentQueue<PendingBlock> pending = new();
    private readonly IReadOnlyList<int> channels;
    private readonly TorchModel description;
    private readonly string taskName;
    private readonly LoadedModel model;
    private readonly Coordinate voxelSize;
    private readonly long[] outputShape;
    private readonly Tensor inputTensor;

    /// <summary>Loads the model of <paramref name="task"/> for worker <paramref name="workerIndex"/>, its input tensor shaped like <paramref name="input"/>'s channels.</summary>
    public PredictWorker(Predict task, VolumeArray input, int workerIndex)
    {
        description = task.Checkpoint;
        taskName = task.Name;
        channels = description.NumOutChannels;
        voxelSize = input.VoxelSize;
        outputShape = description.EvalOutputShape.ToLongArray();

        var spatial = description.EvalInputShape.ToLongArray();
        long[] shape = input.ChannelDims switch
        {
            0 => [1, 1, .. spatial],
            1 => [1, input.Shape[0], .. spatial],
            _ => [.. input.Shape.Take(input.ChannelDims), .. spatial],
        };
        inputTensor = torch.zeros(shape, ScalarType.Float32);
        int cudaDevices = task.Device == "cpu" ? 0 : torch.cuda.device_count();
        model = LoadedModel.Load(description, taskName, TorchDevices.Resolve(taskName, task.Device, workerIndex, cudaDevices));
    }

    /// <summary>
    /// One forward pass over <paramref name="inData"/> (the block's read ROI, padded beyond the volume with the input's
    /// fill value); what goes to each kept output is left pending for <see cref="WritePending"/>.
    /// </summary>
    public void Run(Block block, System.Numerics.Tensors.ReadOnlyTensorSpan<float> inData, IReadOnlyList<VolumeArray?> outputs)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        // The tensor's own memory, not TorchSharp's element-by-element accessor (50× slower on a 64³ block).
        inData.AsReadOnlySpan().CopyTo(MemoryMarshal.Cast<byte, float>(inputTensor.bytes));
        var modelInput = model.Device.type == DeviceType.CPU ? inputTensor : inputTensor.to(model.Device);
        var predictions = model.Forward(modelInput);
        if (predictions.Length != outputs.Count)
        {
            throw new InvalidOperationException(
                $"task '{taskName}': the model returned {predictions.Length} outputs, but checkpoint.out_channels describes {outputs.Count}");
        }

        var writes = new List<PendingWrite>(outputs.Count);
        for (int i = 0; i < outputs.Count; i++)
        {
            if (outputs[i] is { } array && ToHost(block, i, predictions[i], array) is { } write)
            {
                writes.Add(write);
            }
        }

        // Only now, when nothing can throw: a failed block leaves nothing pending.
        foreach (var write in writes)
        {
            write.Values.DetachFromDisposeScope();
        }

        pending.Enqueue(new PendingBlock(block, writes));
    }

    /// <summary>Writes the outputs of <paramref name="block"/>, the oldest block <see cref="Run"/> left pending.</summary>
    public void WritePending(Block block)
    {
        if (!pending.TryDequeue(out var oldest) || oldest.Block.Id != block.Id)
        {
            throw new InvalidOperationException($"task '{taskName}': block {block.Id} has no pending outputs (the blocks' writes ran out of order)");
        }

        try
        {
            foreach (var (array, region, values, count, converted) in oldest.Writes)
            {
                if (description.WritesFloat)
                {
                    array.Write(region, (ReadOnlySpan<float>)MemoryMarshal.Cast<byte, float>(values.bytes)[..count]);
                }
                else if (converted)
                {
                    array.Write(region, (ReadOnlySpan<byte>)values.bytes[..count]);
                }
                else
                {
                    using var scale = torch.NewDisposeScope();
                    array.Write(region, (ReadOnlySpan<byte>)ToUInt8(values).contiguous().bytes[..count]);
                }
            }
        }
        finally
        {
            oldest.Dispose();
        }
    }

    public void Dispose()
    {
        while (pending.TryDequeue(out var unwritten))
        {
            unwritten.Dispose();
        }

        inputTensor.Dispose();
        model.Dispose();
    }

    /// <summary>
    /// The part of one prediction inside <paramref name="array"/> in host memory, null when none is: contiguous and
    /// converted, except uint8 outputs on the CPU, left to the write stage to convert beside the next forward pass (on a
    /// GPU they are converted there, so that a quarter of the bytes cross to the host).
    /// </summary>
    private PendingWrite? ToHost(Block block, int index, Tensor prediction, VolumeArray array)
    {
        int spatialDims = outputShape.Length;
        if (prediction.dim() == spatialDims + 2 && prediction.shape[0] == 1)
        {
            prediction = prediction.squeeze(0);
        }

        CheckShape(index, prediction);
        var region = block.WriteRoi.Intersect(array.Roi);
        if (region.Empty)
        {
            return null;
        }

        var start = (region.Offset - block.WriteRoi.Offset).FloorDivide(voxelSize);
        var lengths = region.Shape.FloorDivide(voxelSize);
        var cropped = prediction;
        for (int axis = 0; axis < spatialDims; axis++)
        {
            cropped = cropped.narrow(axis + 1, start.ValueAt(axis), lengths.ValueAt(axis));
        }

        int count = checked((int)(channels[index] * lengths.Product()!.Value));
        if (description.WritesFloat)
        {
            return new PendingWrite(array, region, cropped.to(ScalarType.Float32).cpu().contiguous(), count, Converted: true);
        }

        return model.Device.type == DeviceType.CPU
            ? new PendingWrite(array, region, cropped, count, Converted: false)
            : new PendingWrite(array, region, ToUInt8(cropped).cpu().contiguous(), count, Converted: true);
    }

    /// <summary>volara's to_uint8, on the tensor's device: clip((x − low) / (high − low) · 255, 0, 255), truncated.</summary>
    private Tensor ToUInt8(Tensor prediction)
    {
        double low = description.OutRange[0];
        double high = description.OutRange[1];
        return prediction.to(ScalarType.Float32).sub(low).div(high - low).mul(255.0).clamp(0.0, 255.0).to(ScalarType.Byte);
    }

    private void CheckShape(int index, Tensor prediction)
    {
        var shape = prediction.shape;
        bool matches = shape.Length == outputShape.Length + 1 && shape[0] == channels[index];
        for (int axis = 0; matches && axis < outputShape.Length; axis++)
        {
            matches = shape[axis + 1] == outputShape[axis];
        }

        if (!matches)
        {
            throw new InvalidOperationException(
                $"task '{taskName}': model output {index} has shape [{string.Join(", ", shape)}], but the model description expects " +
                $"[{channels[index]}, {string.Join(", ", outputShape)}] (checkpoint.out_channels, min_output_shape + pred_size_growth)");
        }
    }

    /// <summary>
    /// What one output of a block gets: <paramref name="Count"/> values of <paramref name="Values"/> for
    /// <paramref name="Region"/>, in the output's type unless not yet <paramref name="Converted"/>.
    /// </summary>
    private readonly record struct PendingWrite(VolumeArray Array, Roi Region, Tensor Values, int Count, bool Converted);

    private sealed record PendingBlock(Block Block, List<PendingWrite> Writes) : IDisposable
    {
        public void Dispose()
        {
            foreach (var write in Writes)
            {
                write.Values.Dispose();
            }
        }
    }
}
