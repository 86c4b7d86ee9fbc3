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
	VMOVDQU laneData_c80(DX), Y3
	VMOVDQU laneData_head(DX), Y4
	VMOVDQU laneData_setLo(DX), Y5
	VMOVDQU laneData_setHi(DX), Y6
	VMOVDQU laneData_bits(DX), Y7
	VMOVDQU laneData_c8F(DX), Y8
	VMOVDQU laneData_c07(DX), Y9

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
	// two slots a step (bcast and pm have room for an odd slot's pair).
	// Bits at lb and above are garbage, masked in the block.
	MOVQ laneJob_pat(DI), R11
	LEAQ laneData_bcast(R11), R11
	LEAQ (laneJob_pm+32)(DI)(R10*4), R14
	MOVQ laneJob_nslot(DI), R15

slot:
	VPCMPEQB  (R11), Y0, Y1
	VPCMPEQB  32(R11), Y0, Y2
	VPMOVMSKB Y1, AX
	VPMOVMSKB Y2, BX
	MOVL      AX, (R14)
	MOVL      BX, 32(R14)
	ADDQ      $64, R11
	ADDQ      $64, R14
	SUBQ      $2, R15
	JGT       slot

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
	MOVQ         laneJob_pat(DI), R11
	VBROADCASTSD laneData_la(R11), Y5
	VBROADCASTSD laneData_tenth(R11), Y4
	VBROADCASTSD laneData_one(R11), Y3
	VBROADCASTSD laneData_three(R11), Y2
	VBROADCASTSD laneData_threshold(R11), Y1

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
