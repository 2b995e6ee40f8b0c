package loosedate

import "github.com/vigil-screening/vigil/entity"

type entityDate = entity.Date

func wrap(f func(string) (entity.Date, error)) func(string) (entityDate, error) { return f }
