// Numeric codes shared by the TypeScript side and the AssemblyScript kernels (assembly/ imports
// this file too, so it holds plain integer constants only): dtypes, and ops within each family.

/** Storage element types as the kernels see them. */
export const F32 = 0;
export const I32 = 1;
export const U8 = 2;

/** Unary elementwise ops. */
export const NEG = 0;
export const ABS = 1;
export const SIGN = 2;
export const RELU = 3;
export const FLOOR = 4;
export const CEIL = 5;
export const ROUND = 6;
export const EXP = 7;
export const LOG = 8;
export const LOG1P = 9;
export const EXPM1 = 10;
export const SQRT = 11;
export const RSQRT = 12;
export const RECIPROCAL = 13;
export const SIN = 14;
export const COS = 15;
export const TANH = 16;
export const SIGMOID = 17;
export const ERF = 18;

/** Binary elementwise ops. */
export const ADD = 0;
export const SUB = 1;
export const MUL = 2;
export const DIV = 3;
export const POW = 4;
export const MAXIMUM = 5;
export const MINIMUM = 6;
export const EQ = 7;
export const NE = 8;
export const LT = 9;
export const LE = 10;
export const GT = 11;
export const GE = 12;
export const LOGICAL_AND = 13;
export const LOGICAL_OR = 14;

/** Reductions. */
export const SUM = 0;
export const PROD = 1;
export const MAX = 2;
export const MIN = 3;

/** gemm epilogues: none, or a bias row added to the finished product and then an activation. */
export const EPI_NONE = 0;
export const EPI_LINEAR = 1;
export const EPI_RELU = 2;
export const EPI_SIGMOID = 3;
export const EPI_TANH = 4;

/** Jobs a helper thread runs (worker/gemm-worker.js): the first int of its slot's arguments. */
export const JOB_GEMM = 0;
export const JOB_UNARY_F32 = 1;
export const JOB_BINARY_F32 = 2;
