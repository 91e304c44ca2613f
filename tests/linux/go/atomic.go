package main

import "sync/atomic"

func atomicLoad(p *int32) bool { return atomic.LoadInt32(p) != 0 }
func atomicStore(p *int32)     { atomic.StoreInt32(p, 1) }
