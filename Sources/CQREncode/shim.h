// libqrencode (Debian libqrencode-dev). DocketTerminal's QRCodeEncoder is the only Swift that imports it.
#ifndef DOCKET_CQRENCODE_SHIM_H
#define DOCKET_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
