// How an elementwise shader finds an operand's element for output element i (override
// constants, so each case compiles to only the arithmetic it needs): the same index when the
// shapes match; i mod n when the operand repeats over leading axes (a bias row, a scalar);
// otherwise its strides over the output's axes, from the params.

const SAME: u32 = 0u;
const REPEAT: u32 = 1u;
const STRIDED: u32 = 2u;
