#include "textflag.h"
#include "go_asm.h"

// func lanesAVX2(job *laneJob)
//
// For each candidate of 1 to 32 bytes: the bound (when job.least is set),
// then a place in a block of eight 32-bit lanes, bit j of a lane standing for
// position j of its candidate. A full block is matched, its transpositions
// counted and its scores computed in float64 lanes with the operations of
// the scalar code, so with its bits. Other candidates go to job.deferred.
TEXT ·lanesAVX2(SB), NOSPLIT, $0-8
	MOVQ job+0(FP), DI
	MOVQ $0, laneJob_ndeferred(DI)
	XORQ R8, R8                    // candidate k
	XORQ R9, R9                    // 1 once the candidates are done
	XORQ R10, R10                  // lanes filled

reload:
	MOVQ    laneJob_pat(DI), DX
	MOVQ    laneJob_k(DI), CX
	VMOVDQU laneConsts_c80(CX), Y3
	VMOVDQU laneData_head(DX), Y4
	VMOVDQU laneData_setLo(DX), Y5
	VMOVDQU laneData_setHi(DX), Y6
	VMOVDQU laneConsts_bits(CX), Y7
	VMOVDQU laneConsts_c8F(CX), Y8
	VMOVDQU laneConsts_c07(CX), Y9

next:
	CMPQ R8, laneJob_n(DI)
	JGE  done
	MOVQ laneJob_cands(DI), SI
	MOVQ R8, AX
	SHLQ $4, AX
	MOVQ (SI)(AX*1), R11           // candidate bytes
	MOVQ 8(SI)(AX*1), R13          // lb
	LEAQ -1(R13), AX
	CMPQ AX, $32
	JCS  inrange
	MOVQ laneJob_ndeferred(DI), AX
	MOVL R8, laneJob_deferred(DI)(AX*4)
	INCQ AX
	MOVQ AX, laneJob_ndeferred(DI)
	INCQ R8
	JMP  next

inrange:
	// Reading 32 bytes is safe unless they cross into the next page; then
	// copy the candidate to tmp first.
	MOVQ R11, AX
	ANDQ $4095, AX
	CMPQ AX, $4064
	JLS  loadb
	XORQ AX, AX

copyb:
	MOVB (R11)(AX*1), BX
	MOVB BX, laneJob_tmp(DI)(AX*1)
	INCQ AX
	CMPQ AX, R13
	JLT  copyb
	LEAQ laneJob_tmp(DI), R11

loadb:
	VMOVDQU (R11), Y0
	MOVQ    R13, CX
	MOVQ    $1, R12
	SHLQ    CX, R12
	DECQ    R12                    // low lb bits: positions in the candidate

	// Bound: the bytes of the candidate found in the pattern, from a
	// 256-bit set looked up by nibbles, against least[lb][prefix].
	MOVQ      laneJob_least(DI), R15
	TESTQ     R15, R15
	JZ        keep
	// Common prefix, for the bound: the first byte differing from the
	// pattern, at most 4, lb and la.
	VPCMPEQB  Y4, Y0, Y1
	VPMOVMSKB Y1, AX
	NOTL      AX
	ORL       $16, AX
	BSFL      AX, R14
	CMPQ      R14, R13
	CMOVQGT   R13, R14
	MOVQ      laneJob_la(DI), BX
	CMPQ      R14, BX
	CMOVQGT   BX, R14

	VPAND     Y8, Y0, Y1
	VPSHUFB   Y1, Y5, Y1           // row of the low nibble, 0 for c >= 128
	VPXOR     Y3, Y0, Y2
	VPAND     Y8, Y2, Y2
	VPSHUFB   Y2, Y6, Y2           // row of the low nibble, 0 for c < 128
	VPOR      Y2, Y1, Y1
	VPSRLW    $4, Y0, Y2
	VPAND     Y9, Y2, Y2
	VPSHUFB   Y2, Y7, Y2           // bit of the high nibble
	VPAND     Y2, Y1, Y1
	VPCMPEQB  Y2, Y1, Y1
	VPMOVMSKB Y1, AX
	ANDL      R12, AX
	POPCNTL   AX, AX
	LEAQ      (R13)(R13*4), BX
	ADDQ      R14, BX
	MOVBQZX   (R15)(BX*1), BX
	CMPQ      AX, BX
	JGE       keep
	MOVQ      laneJob_out(DI), SI
	MOVQ      $0, (SI)(R8*8)
	INCQ      R8
	JMP       next

keep:
	MOVQ R8, laneJob_idx(DI)(R10*8)
	MOVL R13, laneJob_lb(DI)(R10*4)

	// pm[s][lane]: byte compare with each slot's byte, then the byte mask,
	// two slots a step (slotByte and pm have room for an odd slot's pair).
	// Bits at lb and above are garbage, masked in the block.
	MOVQ laneJob_pat(DI), R11
	LEAQ laneData_slotByte(R11), R11
	LEAQ (laneJob_pm+32)(DI)(R10*4), R14
	MOVQ laneJob_nslot(DI), R15

slot:
	VPBROADCASTB (R11), Y1
	VPBROADCASTB 1(R11), Y2
	VPCMPEQB     Y1, Y0, Y1
	VPCMPEQB     Y2, Y0, Y2
	VPMOVMSKB    Y1, AX
	VPMOVMSKB    Y2, BX
	MOVL         AX, (R14)
	MOVL         BX, 32(R14)
	ADDQ         $2, R11
	ADDQ         $64, R14
	SUBQ         $2, R15
	JGT          slot

	INCQ R8
	INCQ R10
	CMPQ R10, $8
	JLT  next

block:
	MOVQ         laneJob_aSlot(DI), SI
	MOVQ         laneJob_la(DI), DX
	VPXOR        Y15, Y15, Y15     // zero
	VPCMPEQD     Y14, Y14, Y14
	VPSRLD       $31, Y14, Y14     // 1 in every lane
	VMOVDQU      laneJob_lb(DI), Y7
	VPSLLVD      Y7, Y14, Y6
	VPSUBD       Y14, Y6, Y6       // inB: low lb bits (all at lb = 32)
	VMOVD        DX, X1
	VPBROADCASTD X1, Y1
	VPMAXSD      Y7, Y1, Y13
	VPSRLD       $1, Y13, Y13
	VPSUBD       Y14, Y13, Y13
	VPMAXSD      Y15, Y13, Y13     // r = max(max(la, lb)/2 - 1, 0)
	VPADDD       Y14, Y13, Y1
	VPSLLVD      Y1, Y14, Y12
	VPSUBD       Y14, Y12, Y12     // window of a[0]: low r+1 bits
	LEAQ         laneJob_pm(DI), R11

	// Common prefix: i counts while a[i] is at position i of the
	// candidate, for i < min(la, 4).
	VPXOR    Y2, Y2, Y2            // prefix
	VPCMPEQD Y3, Y3, Y3            // still counting
	VPXOR    Y11, Y11, Y11         // i
	MOVQ     $4, CX
	CMPQ     DX, CX
	CMOVQLT  DX, CX
	XORQ     AX, AX

prefix:
	MOVBQZX (SI)(AX*1), BX
	SHLQ    $5, BX
	VPAND   (R11)(BX*1), Y6, Y0
	VPSRLVD Y11, Y0, Y0
	VPAND   Y14, Y0, Y0
	VPAND   Y0, Y3, Y3
	VPADDD  Y3, Y2, Y2
	VPADDD  Y14, Y11, Y11
	INCQ    AX
	CMPQ    AX, CX
	JLT     prefix
	VMOVDQU Y2, laneJob_prefix(DI)

	// Matching: for each byte of a, per lane, the lowest free position of
	// the candidate holding it inside the window.
	VPXOR    Y11, Y11, Y11         // i
	VPXOR    Y10, Y10, Y10         // matched positions of the candidates
	LEAQ     laneJob_x(DI), R12
	XORQ     AX, AX

match:
	MOVBQZX  (SI)(AX*1), BX
	SHLQ     $5, BX
	VPAND    (R11)(BX*1), Y12, Y0  // occurrences inside the window
	VPAND    Y6, Y0, Y0
	VPANDN   Y0, Y10, Y0           // and free
	VPSUBD   Y0, Y15, Y1
	VPAND    Y1, Y0, Y0            // the lowest: x & -x
	VPOR     Y0, Y10, Y10
	VMOVDQU  Y0, (R12)
	VPSLLD   $1, Y12, Y12          // next window; its low end stays
	VPCMPGTD Y11, Y13, Y1          // at 0 while i < r
	VPSRLD   $31, Y1, Y1
	VPOR     Y1, Y12, Y12
	VPADDD   Y14, Y11, Y11
	ADDQ     $32, R12
	INCQ     AX
	CMPQ     AX, DX
	JLT      match

	// Transpositions: the k-th matched byte of a against the k-th matched
	// position of b, aligned when that position holds the byte.
	VPXOR Y9, Y9, Y9               // unmatched bytes of a
	VPXOR Y8, Y8, Y8               // unaligned matches
	LEAQ  laneJob_x(DI), R12
	XORQ  AX, AX

trans:
	MOVBQZX  (SI)(AX*1), BX
	SHLQ     $5, BX
	VMOVDQU  (R12), Y0
	VPCMPEQD Y15, Y0, Y2           // all ones where a[i] is unmatched
	VPSUBD   Y2, Y9, Y9
	VPSUBD   Y10, Y15, Y1
	VPAND    Y10, Y1, Y1           // lowest matched position left
	VPAND    (R11)(BX*1), Y1, Y3   // holding a[i]?
	VPCMPEQD Y15, Y3, Y3           // all ones where not
	VPANDN   Y3, Y2, Y3            // ... and a[i] is matched
	VPSUBD   Y3, Y8, Y8
	VPANDN   Y1, Y2, Y1            // consumed where a[i] is matched
	VPXOR    Y1, Y10, Y10
	ADDQ     $32, R12
	INCQ     AX
	CMPQ     AX, DX
	JLT      trans

	// Scores: m = la - unmatched, t = unaligned/2, then per half of four
	// lanes ((m/la + m/lb + (m-t)/m) / 3) and the boost, each operation
	// rounded on its own as in the scalar code (no FMA).
	MOVQ         laneJob_la(DI), AX
	VMOVD        AX, X1
	VPBROADCASTD X1, Y1
	VPSUBD       Y9, Y1, Y9        // m
	VPSRLD       $1, Y8, Y8        // t
	VMOVDQU      laneJob_lb(DI), Y7
	VMOVDQU      laneJob_prefix(DI), Y6
	MOVQ         laneJob_k(DI), R11
	VBROADCASTSD laneJob_laF(DI), Y5
	VBROADCASTSD laneConsts_tenth(R11), Y4
	VBROADCASTSD laneConsts_one(R11), Y3
	VBROADCASTSD laneConsts_three(R11), Y2
	VBROADCASTSD laneConsts_threshold(R11), Y1

#define HALF(M, T, LB, P, OFF) \
	VCVTDQ2PD M, Y10; \
	VCVTDQ2PD T, Y11; \
	VCVTDQ2PD LB, Y12; \
	VCVTDQ2PD P, Y13; \
	VDIVPD    Y5, Y10, Y14; \
	VDIVPD    Y12, Y10, Y15; \
	VADDPD    Y15, Y14, Y14; \
	VSUBPD    Y11, Y10, Y15; \
	VDIVPD    Y10, Y15, Y15; \
	VADDPD    Y15, Y14, Y14; \
	VDIVPD    Y2, Y14, Y14; \
	VMULPD    Y13, Y4, Y13; \
	VSUBPD    Y14, Y3, Y15; \
	VMULPD    Y15, Y13, Y13; \
	VADDPD    Y13, Y14, Y13; \
	VCMPPD    $0x1e, Y1, Y14, Y15; \
	VBLENDVPD Y15, Y13, Y14, Y14; \
	VXORPD    Y11, Y11, Y11; \
	VCMPPD    $4, Y11, Y10, Y15; \
	VANDPD    Y15, Y14, Y14; \
	VMOVUPD   Y14, (laneJob_res+OFF)(DI)

	HALF(X9, X8, X7, X6, 0)
	VEXTRACTI128 $1, Y9, X9
	VEXTRACTI128 $1, Y8, X8
	VEXTRACTI128 $1, Y7, X7
	VEXTRACTI128 $1, Y6, X6
	HALF(X9, X8, X7, X6, 32)

	// Scatter the filled lanes' scores.
	MOVQ laneJob_out(DI), SI
	XORQ AX, AX

scatter:
	MOVQ laneJob_res(DI)(AX*8), BX
	MOVQ laneJob_idx(DI)(AX*8), CX
	MOVQ BX, (SI)(CX*8)
	INCQ AX
	CMPQ AX, R10
	JLT  scatter

	TESTQ R9, R9
	JNZ   ret
	XORQ  R10, R10
	JMP   reload

done:
	TESTQ R10, R10
	JZ    ret
	MOVQ  $1, R9
	JMP   block

ret:
	VZEROUPPER
	RET

// func lanes16AVX2(job *lane16Job)
//
// The short kernel: for each candidate of 1 to 16 bytes, the bound (when
// job.least is set), then a place in a block of sixteen 16-bit lanes. A full
// block gets its occurrence masks two candidates to a register, is matched
// and its transpositions counted as in the wide kernel, and its Jaro values
// are looked up in job.jaro by (lb, m, t) before the boost, computed in
// float64 lanes with the operations of the scalar code. Other candidates go
// to job.deferred.
TEXT ·lanes16AVX2(SB), NOSPLIT, $0-8
	MOVQ job+0(FP), DI
	MOVQ $0, lane16Job_ndeferred(DI)
	XORQ R8, R8                    // candidate k
	XORQ R9, R9                    // 1 once the candidates are done
	XORQ R10, R10                  // lanes filled

reload16:
	MOVQ    lane16Job_pat(DI), DX
	MOVQ    lane16Job_k(DI), CX
	VMOVDQU laneConsts_c80(CX), X3
	VMOVDQU laneData_head(DX), X4
	VMOVDQU laneData_setLo(DX), X5
	VMOVDQU laneData_setHi(DX), X6
	VMOVDQU laneConsts_bits(CX), X7
	VMOVDQU laneConsts_c8F(CX), X8
	VMOVDQU laneConsts_c07(CX), X9
	MOVQ    lane16Job_least(DI), R15
	MOVQ    R8, R14
	SHLQ    $4, R14
	ADDQ    lane16Job_cands(DI), R14 // &cands[k]

next16:
	CMPQ R8, lane16Job_n(DI)
	JGE  done16
	MOVQ (R14), R11                // candidate bytes
	MOVQ 8(R14), R13               // lb
	ADDQ $16, R14
	LEAQ -1(R13), AX
	CMPQ AX, $16
	JCS  inrange16
	MOVQ lane16Job_ndeferred(DI), AX
	MOVL R8, lane16Job_deferred(DI)(AX*4)
	INCQ AX
	MOVQ AX, lane16Job_ndeferred(DI)
	INCQ R8
	JMP  next16

inrange16:
	// The candidate goes to bytes[lane], 16 bytes read from it unless
	// they cross into the next page: then it is copied byte by byte.
	MOVQ R10, R12
	SHLQ $4, R12
	LEAQ lane16Job_bytes(DI)(R12*1), R12
	MOVQ R11, AX
	ANDQ $4095, AX
	CMPQ AX, $4080
	JLS  loadb16
	XORQ AX, AX

copyb16:
	MOVB (R11)(AX*1), BX
	MOVB BX, (R12)(AX*1)
	INCQ AX
	CMPQ AX, R13
	JLT  copyb16
	MOVQ R12, R11

loadb16:
	VMOVDQU (R11), X0
	VMOVDQU X0, (R12)

	// Bound, as in the wide kernel.
	TESTQ     R15, R15
	JZ        keep16
	VPCMPEQB  X4, X0, X1
	VPMOVMSKB X1, AX
	NOTL      AX
	ORL       $16, AX
	BSFL      AX, DX
	CMPQ      DX, R13
	CMOVQGT   R13, DX
	MOVQ      lane16Job_la(DI), BX
	CMPQ      DX, BX
	CMOVQGT   BX, DX

	VPAND     X8, X0, X1
	VPSHUFB   X1, X5, X1           // row of the low nibble, 0 for c >= 128
	VPXOR     X3, X0, X2
	VPAND     X8, X2, X2
	VPSHUFB   X2, X6, X2           // row of the low nibble, 0 for c < 128
	VPOR      X2, X1, X1
	VPSRLW    $4, X0, X2
	VPAND     X9, X2, X2
	VPSHUFB   X2, X7, X2           // bit of the high nibble
	VPAND     X2, X1, X1
	VPCMPEQB  X2, X1, X1
	VPMOVMSKB X1, AX
	MOVQ      R13, CX
	MOVL      $1, BX
	SHLL      CX, BX
	DECL      BX
	ANDL      BX, AX
	POPCNTL   AX, AX
	LEAQ      (R13)(R13*4), BX
	ADDQ      DX, BX
	MOVBQZX   (R15)(BX*1), BX
	CMPQ      AX, BX
	JGE       keep16
	MOVQ      lane16Job_out(DI), AX
	MOVQ      $0, (AX)(R8*8)
	INCQ      R8
	JMP       next16

keep16:
	MOVQ R8, lane16Job_idx(DI)(R10*8)
	MOVL R13, lane16Job_lb(DI)(R10*4)
	INCQ R8
	INCQ R10
	CMPQ R10, $16
	JLT  next16

block16:
	// pm[s]: the candidates two to a register, compared with each slot's
	// byte; the byte mask of a register is the 16-bit lanes of both. Bits
	// at lb and above are garbage: the matching starts with them taken.
	VMOVDQU lane16Job_bytes+0(DI), Y0
	VMOVDQU lane16Job_bytes+32(DI), Y1
	VMOVDQU lane16Job_bytes+64(DI), Y2
	VMOVDQU lane16Job_bytes+96(DI), Y3
	VMOVDQU lane16Job_bytes+128(DI), Y4
	VMOVDQU lane16Job_bytes+160(DI), Y5
	VMOVDQU lane16Job_bytes+192(DI), Y6
	VMOVDQU lane16Job_bytes+224(DI), Y7
	MOVQ    lane16Job_pat(DI), R11
	LEAQ    laneData_slotByte(R11), R11
	LEAQ    (lane16Job_pm+32)(DI), R14
	MOVQ    lane16Job_nslot(DI), R15

slot16:
	VPBROADCASTB (R11), Y8
	VPCMPEQB     Y8, Y0, Y9
	VPCMPEQB     Y8, Y1, Y10
	VPCMPEQB     Y8, Y2, Y11
	VPCMPEQB     Y8, Y3, Y12
	VPMOVMSKB    Y9, AX
	VPMOVMSKB    Y10, BX
	VPMOVMSKB    Y11, CX
	VPMOVMSKB    Y12, DX
	MOVL         AX, 0(R14)
	MOVL         BX, 4(R14)
	MOVL         CX, 8(R14)
	MOVL         DX, 12(R14)
	VPCMPEQB     Y8, Y4, Y9
	VPCMPEQB     Y8, Y5, Y10
	VPCMPEQB     Y8, Y6, Y11
	VPCMPEQB     Y8, Y7, Y12
	VPMOVMSKB    Y9, AX
	VPMOVMSKB    Y10, BX
	VPMOVMSKB    Y11, CX
	VPMOVMSKB    Y12, DX
	MOVL         AX, 16(R14)
	MOVL         BX, 20(R14)
	MOVL         CX, 24(R14)
	MOVL         DX, 28(R14)
	INCQ         R11
	ADDQ         $32, R14
	DECQ         R15
	JNZ          slot16

	// Per lane, from lb: inB, the low lb bits; r = max(max(la, lb)/2 - 1,
	// 0); the window of a[0], the low r+1 bits. Computed in 32-bit lanes
	// (AVX2 has no variable 16-bit shift), then packed to 16 bits in order.
	MOVQ         lane16Job_la(DI), DX
	VPXOR        Y15, Y15, Y15     // zero
	VPCMPEQD     Y14, Y14, Y14
	VPSRLD       $31, Y14, Y14     // 1 in every 32-bit lane
	VPSLLD       $4, Y14, Y13      // 16
	VMOVD        DX, X12
	VPBROADCASTD X12, Y12          // la
	VMOVDQU      lane16Job_lb(DI), Y0
	VMOVDQU      (lane16Job_lb+32)(DI), Y1
	VPSLLVD      Y0, Y14, Y2
	VPSUBD       Y14, Y2, Y2
	VPSLLVD      Y1, Y14, Y3
	VPSUBD       Y14, Y3, Y3
	VPMAXSD      Y0, Y12, Y4
	VPSRLD       $1, Y4, Y4
	VPSUBD       Y14, Y4, Y4
	VPMAXSD      Y15, Y4, Y4
	VPMAXSD      Y1, Y12, Y5
	VPSRLD       $1, Y5, Y5
	VPSUBD       Y14, Y5, Y5
	VPMAXSD      Y15, Y5, Y5
	VPADDD       Y14, Y4, Y6
	VPMINSD      Y13, Y6, Y6
	VPSLLVD      Y6, Y14, Y6
	VPSUBD       Y14, Y6, Y6
	VPADDD       Y14, Y5, Y7
	VPMINSD      Y13, Y7, Y7
	VPSLLVD      Y7, Y14, Y7
	VPSUBD       Y14, Y7, Y7
	VPACKUSDW    Y1, Y0, Y0
	VPERMQ       $0xD8, Y0, Y0
	VMOVDQU      Y0, lane16Job_lb16(DI)
	VPACKUSDW    Y3, Y2, Y2
	VPERMQ       $0xD8, Y2, Y2     // inB
	VPACKUSDW    Y5, Y4, Y4
	VPERMQ       $0xD8, Y4, Y4     // r
	VPACKUSDW    Y7, Y6, Y6
	VPERMQ       $0xD8, Y6, Y6     // window
	VPCMPEQW     Y14, Y14, Y14
	VPSRLW       $15, Y14, Y14     // 1 in every 16-bit lane

	// Common prefix: i counts while a[i] is at position i < lb of the
	// candidate, for i < min(la, 4).
	MOVQ     lane16Job_aSlot(DI), SI
	LEAQ     lane16Job_pm(DI), R11
	VPXOR    Y1, Y1, Y1            // prefix
	VPCMPEQW Y3, Y3, Y3            // still counting
	VMOVDQU  Y14, Y5               // bit i
	MOVQ     $4, CX
	CMPQ     DX, CX
	CMOVQLT  DX, CX
	XORQ     AX, AX

prefix16:
	MOVBQZX  (SI)(AX*1), BX
	SHLQ     $5, BX
	VPAND    Y2, Y5, Y7
	VPAND    (R11)(BX*1), Y7, Y7
	VPCMPEQW Y5, Y7, Y7
	VPAND    Y7, Y3, Y3
	VPSUBW   Y3, Y1, Y1
	VPADDW   Y5, Y5, Y5
	INCQ     AX
	CMPQ     AX, CX
	JLT      prefix16
	VMOVDQU  Y1, lane16Job_prefix(DI)

	// Matching: for each byte of a, per lane, the lowest free position of
	// the candidate holding it inside the window.
	VPCMPEQW Y10, Y10, Y10
	VPXOR    Y2, Y10, Y10          // taken: the positions at lb and above
	VPXOR    Y11, Y11, Y11         // i
	LEAQ     lane16Job_x(DI), R12
	XORQ     AX, AX

match16:
	MOVBQZX  (SI)(AX*1), BX
	SHLQ     $5, BX
	VPANDN   (R11)(BX*1), Y10, Y0  // occurrences not taken
	VPAND    Y6, Y0, Y0            // inside the window
	VPSUBW   Y0, Y15, Y7
	VPAND    Y7, Y0, Y0            // the lowest: x & -x
	VPOR     Y0, Y10, Y10
	VMOVDQU  Y0, (R12)
	VPSLLW   $1, Y6, Y6            // next window; its low end stays
	VPCMPGTW Y11, Y4, Y7           // at 0 while i < r
	VPSUBW   Y7, Y6, Y6
	VPADDW   Y14, Y11, Y11
	ADDQ     $32, R12
	INCQ     AX
	CMPQ     AX, DX
	JLT      match16

	// Transpositions: the k-th matched byte of a against the k-th matched
	// position of b. Y8 counts the bytes of a unmatched or unaligned.
	VPAND Y2, Y10, Y10             // matched positions
	VMOVDQU Y10, Y9
	VPXOR Y8, Y8, Y8
	LEAQ  lane16Job_x(DI), R12
	XORQ  AX, AX

trans16:
	MOVBQZX  (SI)(AX*1), BX
	SHLQ     $5, BX
	VMOVDQU  (R12), Y0
	VPCMPEQW Y15, Y0, Y0           // all ones where a[i] is unmatched
	VPSUBW   Y10, Y15, Y1
	VPAND    Y10, Y1, Y1           // lowest matched position left
	VPANDN   Y1, Y0, Y1            // consumed where a[i] is matched
	VPXOR    Y1, Y10, Y10
	VPAND    (R11)(BX*1), Y1, Y1   // holding a[i]?
	VPCMPEQW Y15, Y1, Y1           // all ones where not, or unmatched
	VPSUBW   Y1, Y8, Y8
	ADDQ     $32, R12
	INCQ     AX
	CMPQ     AX, DX
	JLT      trans16

	// m: the matched positions counted by nibbles; t = (Y8 - (la - m))/2;
	// the table index (lb*17 + m)*9 + t.
	MOVQ         lane16Job_k(DI), CX
	VMOVDQU      laneConsts_c0F(CX), Y5
	VMOVDQU      laneConsts_popcnt(CX), Y6
	VPAND        Y5, Y9, Y0
	VPSRLW       $4, Y9, Y1
	VPAND        Y5, Y1, Y1
	VPSHUFB      Y0, Y6, Y0
	VPSHUFB      Y1, Y6, Y1
	VPADDB       Y1, Y0, Y0
	VPMADDUBSW   laneConsts_ones(CX), Y0, Y0 // m
	VMOVD        DX, X1
	VPBROADCASTW X1, Y1
	VPADDW       Y0, Y8, Y8
	VPSUBW       Y1, Y8, Y8
	VPSRLW       $1, Y8, Y8        // t
	VPSLLW       $3, Y0, Y1
	VPADDW       Y0, Y1, Y1
	VPADDW       Y8, Y1, Y1        // 9m + t
	MOVL         $((16+1)*(16/2+1)), AX
	VMOVD        AX, X2
	VPBROADCASTW X2, Y2
	VPMULLW      lane16Job_lb16(DI), Y2, Y2
	VPADDW       Y2, Y1, Y1
	VMOVDQU      Y1, lane16Job_jidx(DI)

	// Scores, four lanes at a time: the Jaro value from the table, then
	// the boost with the operations of the scalar code (no FMA). The
	// table holds 0 for m = 0, which the boost leaves alone. A full block
	// of consecutive candidates, the rule without a cutoff, is stored
	// straight into out; others go through res.
	LEAQ         lane16Job_res(DI), R13
	CMPQ         R10, $16
	JLT          scores16
	MOVQ         lane16Job_idx(DI), AX
	MOVQ         (lane16Job_idx+120)(DI), BX
	SUBQ         AX, BX
	CMPQ         BX, $15
	JNE          scores16
	MOVQ         lane16Job_out(DI), R13
	LEAQ         (R13)(AX*8), R13

scores16:
	MOVQ         lane16Job_jaro(DI), SI
	VBROADCASTSD laneConsts_tenth(CX), Y4
	VBROADCASTSD laneConsts_one(CX), Y3
	VBROADCASTSD laneConsts_threshold(CX), Y2

#define QUARTER16(J, P, R) \
	MOVWQZX   (lane16Job_jidx+J)(DI), AX; \
	MOVWQZX   (lane16Job_jidx+J+2)(DI), BX; \
	MOVWQZX   (lane16Job_jidx+J+4)(DI), R11; \
	MOVWQZX   (lane16Job_jidx+J+6)(DI), R12; \
	VMOVSD    (SI)(AX*8), X0; \
	VMOVHPD   (SI)(BX*8), X0, X0; \
	VMOVSD    (SI)(R11*8), X1; \
	VMOVHPD   (SI)(R12*8), X1, X1; \
	VINSERTF128 $1, X1, Y0, Y0; \
	VPMOVZXWD (lane16Job_prefix+P)(DI), X5; \
	VCVTDQ2PD X5, Y5; \
	VMULPD    Y5, Y4, Y5; \
	VSUBPD    Y0, Y3, Y6; \
	VMULPD    Y6, Y5, Y5; \
	VADDPD    Y5, Y0, Y5; \
	VCMPPD    $0x1e, Y2, Y0, Y6; \
	VBLENDVPD Y6, Y5, Y0, Y0; \
	VMOVUPD   Y0, R(R13)

	QUARTER16(0, 0, 0)
	QUARTER16(8, 8, 32)
	QUARTER16(16, 16, 64)
	QUARTER16(24, 24, 96)

	// Scatter the filled lanes' scores, unless stored already.
	LEAQ lane16Job_res(DI), AX
	CMPQ R13, AX
	JNE  stored16
	MOVQ lane16Job_out(DI), SI
	XORQ AX, AX

scatter16:
	MOVQ lane16Job_res(DI)(AX*8), BX
	MOVQ lane16Job_idx(DI)(AX*8), CX
	MOVQ BX, (SI)(CX*8)
	INCQ AX
	CMPQ AX, R10
	JLT  scatter16

stored16:
	TESTQ R9, R9
	JNZ   ret16
	XORQ  R10, R10
	JMP   reload16

done16:
	TESTQ R10, R10
	JZ    ret16
	MOVQ  $1, R9
	JMP   block16

ret16:
	VZEROUPPER
	RET

// func matchShortAVX2(p *Pattern, b string) (m, t int)
//
// The bit-parallel matching of Pattern.match64 for one candidate b of 1 to
// 16 bytes and a pattern of 1 to 64: the matches m and transpositions t.
// The occurrence masks come from one byte compare per slot; the scratch
// (occ per slot, x per byte of a) needs no clearing, as only what was
// written is read.
TEXT ·matchShortAVX2(SB), 0, $1056-40
	MOVQ p+0(FP), DI
	MOVQ b_base+8(FP), SI
	MOVQ b_len+16(FP), CX

	// 16 bytes of b, copied first if they would cross into the next page.
	MOVQ SI, AX
	ANDQ $4095, AX
	CMPQ AX, $4080
	JLS  loadS
	XORQ AX, AX

copyS:
	MOVB (SI)(AX*1), BX
	MOVB BX, 1040(SP)(AX*1)
	INCQ AX
	CMPQ AX, CX
	JLT  copyS
	LEAQ 1040(SP), SI

loadS:
	VMOVDQU (SI), X0
	MOVL    $1, R8
	SHLL    CX, R8
	DECL    R8                     // inB: low lb bits

	// occ[s] at 8*s(SP), s = 1..nslot.
	LEAQ (Pattern_lanes+laneData_slotByte)(DI), R9
	MOVQ Pattern_nslot(DI), R10
	LEAQ 8(SP), R11

slotS:
	VPBROADCASTB (R9), X1
	VPCMPEQB     X1, X0, X1
	VPMOVMSKB    X1, AX
	ANDL         R8, AX
	MOVQ         AX, (R11)
	INCQ         R9
	ADDQ         $8, R11
	DECQ         R10
	JNZ          slotS

	// Window: r = max(max(la, lb)/2 - 1, 0), span the low r+1 bits.
	MOVQ Pattern_a+8(DI), DX       // la
	MOVQ DX, R15
	CMPQ CX, R15
	CMOVQGT CX, R15
	SHRQ $1, R15
	DECQ R15
	XORQ AX, AX
	CMPQ R15, AX
	CMOVQLT AX, R15                // r
	LEAQ 1(R15), CX
	MOVQ $1, R14
	SHLQ CX, R14
	DECQ R14                       // span

	// Matching: x[i] at 528+8*i(SP).
	LEAQ Pattern_aSlot(DI), BX
	XORQ R12, R12                  // matched positions of b
	XORQ AX, AX                    // i

matchS:
	MOVBQZX (BX)(AX*1), R9
	MOVQ    (SP)(R9*8), R9
	ANDQ    R14, R9
	ANDNQ   R9, R12, R9            // not taken
	BLSIQ   R9, R10                // the lowest
	ORQ     R10, R12
	MOVQ    R10, 528(SP)(AX*8)
	SHLQ    $1, R14                // next window; its low end stays
	CMPQ    AX, R15                // at 0 while i < r
	ADCQ    $0, R14
	INCQ    AX
	CMPQ    AX, DX
	JLT     matchS

	// Transpositions: R13 counts the bytes of a unmatched or unaligned.
	POPCNTQ R12, R11               // m
	XORQ    R13, R13
	XORQ    AX, AX

transS:
	MOVQ    528(SP)(AX*8), R9
	BLSIQ   R12, R10               // lowest matched position left
	TESTQ   R9, R9
	CMOVQEQ R9, R10                // nothing consumed where a[i] is unmatched
	XORQ    R10, R12
	MOVBQZX (BX)(AX*1), R9
	ANDQ    (SP)(R9*8), R10        // holding a[i]?
	CMPQ    R10, $1
	ADCQ    $0, R13                // +1 where not
	INCQ    AX
	CMPQ    AX, DX
	JLT     transS

	// t = (R13 - (la - m)) / 2
	ADDQ R11, R13
	SUBQ DX, R13
	SHRQ $1, R13
	MOVQ R11, m+24(FP)
	MOVQ R13, t+32(FP)
	RET
