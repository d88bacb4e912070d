using System.Numerics;

namespace Volara.Runtime.Registration;

/// <summary>The DFT of lines of one length, in numpy's convention (forward unscaled, inverse scaled by 1 / length), in place.</summary>
internal interface ILineTransform
{
    void Forward(Span<Complex> line);

    void Inverse(Span<Complex> line);
}
