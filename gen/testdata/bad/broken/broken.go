package broken

//robusta:action
func Broken( { // want `expected`
}
