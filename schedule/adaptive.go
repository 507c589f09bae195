package schedule

import "github.com/rwgil/rwgil/eml"

var _ eml.ModeSwitcher = (*Scheduler)(nil)

// SwitchMode implements eml.ModeSwitcher: under the adaptive policy, a
// choice at every point where the lock could switch between eml and GIL
// mode (a safe point or Attach at promotion depth zero, an outermost
// promotion's stop) between staying in the mode (0) and switching (1), so
// that a schedule puts switches anywhere and the explorers search them as
// they search thread switches. Asked only of adaptive locks.
func (s *Scheduler) SwitchMode(w *eml.Waiter) bool {
	s.mu.Lock()
	s.abortIfGivenUp()
	by := -1
	if t := s.waiterOf(w).task; t != nil {
		by = t.id
	}
	sw := s.decide(Point{N: 2, By: by, Stay: true}) == 1
	s.mu.Unlock()
	return sw
}
