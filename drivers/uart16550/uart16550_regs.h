/* The 16550's registers on COM1. */
#ifndef DRIVERS_UART16550_REGS_H
#define DRIVERS_UART16550_REGS_H

#define COM1     0x3f8
#define COM1_IRQ 4

#define REG_DATA 0
#define REG_IER  1
#define REG_IIR  2 /* read */
#define REG_FCR  2 /* write */
#define REG_LCR  3
#define REG_MCR  4
#define REG_LSR  5

#define IER_RX_AVAILABLE    0x01
#define FCR_ENABLE_CLEAR    0x07
#define LCR_DLAB            0x80
#define LCR_8N1             0x03
#define LSR_DATA_READY      0x01
#define LSR_THR_EMPTY       0x20
#define BAUD_DIVISOR_115200 1

#endif
